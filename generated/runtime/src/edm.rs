//! `Edm.Guid`, `Edm.Date`, `Edm.TimeOfDay` and `Edm.Duration`: the text the service sent, with
//! typed views.
//!
//! The text is kept rather than parsed on read: responses, and the reference's own examples,
//! carry forms a strict parser rejects (a date-time in a `Date`, a GUID in braces, a duration in
//! months). One odd value must not make a whole response unreadable, and writing a value back
//! must not change it. The typed views say `None` for what they cannot read.

use serde::{Deserialize, Serialize};

/// The parts every text-kept value shares: construction from text, `Display`, `as_str`.
macro_rules! kept_as_text {
    ($name:ident) => {
        impl $name {
            /// The value as the service wrote it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        impl From<::std::string::String> for $name {
            fn from(text: ::std::string::String) -> Self {
                $name(text)
            }
        }
    };
}

/// `Edm.Guid`, such as `"b4c46ea9-6a6b-4e7d-8b8a-5f0c8c3b7b2e"`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Guid(pub ::std::string::String);
kept_as_text!(Guid);

impl Guid {
    /// The GUID, if the text is one (hyphenated or not, in braces or not).
    pub fn to_uuid(&self) -> ::std::option::Option<uuid::Uuid> {
        let text = self.0.trim();
        let text = text
            .strip_prefix('{')
            .and_then(|t| t.strip_suffix('}'))
            .unwrap_or(text);
        uuid::Uuid::try_parse(text).ok()
    }
}

impl From<uuid::Uuid> for Guid {
    fn from(value: uuid::Uuid) -> Self {
        Guid(value.hyphenated().to_string())
    }
}

/// `Edm.Date`, such as `"2021-07-01"`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(pub ::std::string::String);
kept_as_text!(Date);

const DATE: &[time::format_description::BorrowedFormatItem<'_>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl Date {
    /// The date, if the text is one; a date-time (`2001-01-01T00:00:00Z`, as some services
    /// write in a `Date`) gives its date.
    pub fn to_date(&self) -> ::std::option::Option<time::Date> {
        let text = self.0.trim();
        let date = text.split_once(['T', 't']).map_or(text, |(date, _)| date);
        time::Date::parse(date, DATE).ok()
    }
}

impl From<time::Date> for Date {
    fn from(value: time::Date) -> Self {
        Date(value.format(DATE).unwrap_or_default())
    }
}

/// `Edm.TimeOfDay`, such as `"08:30:00"` or `"17:45:00.0000000"`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TimeOfDay(pub ::std::string::String);
kept_as_text!(TimeOfDay);

impl TimeOfDay {
    /// The time, if the text is `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fffffff`.
    pub fn to_time(&self) -> ::std::option::Option<time::Time> {
        let text = self.0.trim();
        let (clock, fraction) = text.split_once('.').unwrap_or((text, ""));
        let mut parts = clock.split(':');
        let mut number = |max: u8| parts.next()?.parse::<u8>().ok().filter(|n| *n <= max);
        let (hour, minute) = (number(23)?, number(59)?);
        let second = match parts.next() {
            None => 0,
            Some(s) => s.parse::<u8>().ok().filter(|n| *n <= 59)?,
        };
        if parts.next().is_some() {
            return None;
        }
        let nanos = fraction_nanos(fraction)?;
        time::Time::from_hms_nano(hour, minute, second, nanos).ok()
    }
}

impl From<time::Time> for TimeOfDay {
    fn from(value: time::Time) -> Self {
        let (h, m, s, nanos) = value.as_hms_nano();
        let mut text = format!("{h:02}:{m:02}:{s:02}");
        push_fraction(&mut text, nanos);
        TimeOfDay(text)
    }
}

/// `Edm.Duration`, an ISO 8601 duration such as `"PT1H30M"` or `"P1D"`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Duration(pub ::std::string::String);
kept_as_text!(Duration);

impl Duration {
    /// The length of time, if the text is a non-negative duration in weeks, days, hours,
    /// minutes and seconds. Years and months have no fixed length: `None`.
    pub fn to_std(&self) -> ::std::option::Option<::std::time::Duration> {
        let text = self.0.trim().strip_prefix(['P', 'p'])?;
        let (date, time) = text.split_once(['T', 't']).unwrap_or((text, ""));
        let mut total = ::std::time::Duration::ZERO;
        let mut empty = true;
        for (part, units) in [
            (date, &[('W', 604_800), ('D', 86_400)][..]),
            (time, &[('H', 3_600), ('M', 60), ('S', 1)][..]),
        ] {
            let mut rest = part;
            let mut allowed = units;
            while !rest.is_empty() {
                let end = rest.find(|c: char| c.is_ascii_alphabetic())?;
                let unit = rest[end..].chars().next()?.to_ascii_uppercase();
                let at = allowed.iter().position(|(u, _)| *u == unit)?;
                let seconds = allowed[at].1;
                let (whole, fraction) = rest[..end]
                    .split_once(['.', ','])
                    .unwrap_or((&rest[..end], ""));
                if whole.is_empty()
                    || !whole.bytes().all(|b| b.is_ascii_digit())
                    || (!fraction.is_empty() && seconds != 1)
                {
                    return None;
                }
                let whole: u64 = whole.parse().ok()?;
                total = total.checked_add(::std::time::Duration::from_secs(
                    whole.checked_mul(seconds)?,
                ))?;
                total = total.checked_add(::std::time::Duration::from_nanos(u64::from(
                    fraction_nanos(fraction)?,
                )))?;
                allowed = &allowed[at + 1..];
                rest = &rest[end + 1..];
                empty = false;
            }
        }
        (!empty).then_some(total)
    }
}

impl From<::std::time::Duration> for Duration {
    fn from(value: ::std::time::Duration) -> Self {
        use ::std::fmt::Write as _;
        let secs = value.as_secs();
        let (days, hours, minutes, seconds) = (
            secs / 86_400,
            secs % 86_400 / 3_600,
            secs % 3_600 / 60,
            secs % 60,
        );
        let nanos = value.subsec_nanos();
        let mut text = ::std::string::String::from("P");
        if days > 0 {
            let _ = write!(text, "{days}D");
        }
        if days > 0 && hours == 0 && minutes == 0 && seconds == 0 && nanos == 0 {
            return Duration(text);
        }
        text.push('T');
        if hours > 0 {
            let _ = write!(text, "{hours}H");
        }
        if minutes > 0 {
            let _ = write!(text, "{minutes}M");
        }
        if seconds > 0 || nanos > 0 || (hours == 0 && minutes == 0) {
            let _ = write!(text, "{seconds}");
            push_fraction(&mut text, nanos);
            text.push('S');
        }
        Duration(text)
    }
}

/// Digits after a decimal point as nanoseconds (more than nine digits are cut off).
fn fraction_nanos(digits: &str) -> ::std::option::Option<u32> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let nine: ::std::string::String = digits
        .chars()
        .chain(::std::iter::repeat('0'))
        .take(9)
        .collect();
    nine.parse().ok()
}

/// `.fff…` without trailing zeros, when there is a fraction.
fn push_fraction(text: &mut ::std::string::String, nanos: u32) {
    if nanos > 0 {
        let digits = format!("{nanos:09}");
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_read_with_or_without_braces_and_placeholders_are_none() {
        let id = "b4c46ea9-6a6b-4e7d-8b8a-5f0c8c3b7b2e";
        let uuid = Guid::from(id).to_uuid().unwrap();
        assert_eq!(
            Guid::from(format!("{{{id}}}").as_str()).to_uuid(),
            Some(uuid)
        );
        assert_eq!(Guid::from(uuid).as_str(), id);
        assert_eq!(Guid::from("skuId-value").to_uuid(), None);
    }

    #[test]
    fn dates_and_date_times_give_their_date() {
        let date = time::macros::date!(2021 - 07 - 01);
        assert_eq!(Date::from("2021-07-01").to_date(), Some(date));
        assert_eq!(Date::from("2021-07-01T00:00:00Z").to_date(), Some(date));
        assert_eq!(Date::from(date).as_str(), "2021-07-01");
        assert_eq!(Date::from("Date").to_date(), None);
    }

    #[test]
    fn times_of_day_read_with_and_without_seconds_and_fractions() {
        let t = time::macros::time!(17:45:00.5);
        assert_eq!(TimeOfDay::from("17:45:00.5000000").to_time(), Some(t));
        assert_eq!(
            TimeOfDay::from("08:30").to_time(),
            Some(time::macros::time!(08:30))
        );
        assert_eq!(TimeOfDay::from(t).as_str(), "17:45:00.5");
        assert_eq!(TimeOfDay::from("24:00:00").to_time(), None);
        assert_eq!(TimeOfDay::from("String").to_time(), None);
    }

    #[test]
    fn durations_read_and_write_iso_8601() {
        let std = |s| ::std::time::Duration::from_secs(s);
        assert_eq!(Duration::from("PT1H30M").to_std(), Some(std(5_400)));
        assert_eq!(Duration::from("P1DT2S").to_std(), Some(std(86_402)));
        assert_eq!(Duration::from("P2W").to_std(), Some(std(1_209_600)));
        assert_eq!(
            Duration::from("PT0.25S").to_std(),
            Some(::std::time::Duration::from_millis(250))
        );
        assert_eq!(
            Duration::from("P1M").to_std(),
            None,
            "a month has no fixed length"
        );
        assert_eq!(
            Duration::from("PT1M1H").to_std(),
            None,
            "units out of order"
        );
        assert_eq!(Duration::from("P").to_std(), None);
        assert_eq!(Duration::from("-PT5M").to_std(), None);
        assert_eq!(Duration::from(std(5_400)).as_str(), "PT1H30M");
        assert_eq!(Duration::from(std(86_400)).as_str(), "P1D");
        assert_eq!(Duration::from(std(0)).as_str(), "PT0S");
        assert_eq!(
            Duration::from(::std::time::Duration::from_millis(1_500)).as_str(),
            "PT1.5S"
        );
    }
}
