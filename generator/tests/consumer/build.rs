fn main() {
    graphgen::Builder::new("pages")
        .include_path("/deviceAppManagement/**")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
