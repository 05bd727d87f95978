//! The year-view figures as a reference: every [`FigureRef`] by its data-file name, its
//! arguments, its unit and its meaning, for the facts crate's generated reference page. The
//! list is data (`data/year-view-figures.toml`); a test holds it to the enum: the names
//! serde reads are exactly these, in order, each entry's example arguments read as that
//! figure, and the figure writes its name back.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::year_view::FigureRef;

/// An argument of a year-view figure, written beside its name in a data file
/// (`figure = { name = "national.group", year = 2023, group = "Ukraina" }`).
///
/// # Example
///
/// ```
/// use bosetting::FigureRef;
///
/// let group = FigureRef::catalogue().iter().find(|f| f.name == "national.group").ok_or("listed")?;
/// let names: Vec<&str> = group.args.iter().map(|a| a.name.as_str()).collect();
/// assert_eq!(names, ["year", "group"]);
/// assert!(group.args.iter().all(|a| a.required && !a.example.is_empty()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureArg {
    /// Its name in data files.
    pub name: String,
    /// An example value as written in a data file (TOML and JSON alike).
    pub example: String,
    /// Whether a file must give it.
    pub required: bool,
    /// What it is.
    pub meaning: String,
}

/// A year-view figure as the reference lists it.
///
/// # Example
///
/// ```
/// use bosetting::FigureRef;
///
/// let shortfall = FigureRef::catalogue().iter().find(|f| f.name == "settlement.shortfall").ok_or("listed")?;
/// assert_eq!(shortfall.unit, "persons");
/// assert!(shortfall.args.is_empty());
/// // Every name in the reference is one a data file can use.
/// assert!(FigureRef::catalogue().iter().all(|f| !f.meaning.is_empty()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureInfo {
    /// Its name in data files (`settlement.shortfall`).
    pub name: String,
    /// Its arguments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<FigureArg>,
    /// The unit of its values, by [`Unit::name`](crate::Unit::name) where it has one
    /// (`check` for a figure only a check computes, `text` for a verdict in words, `as
    /// stated` for a count in the unit the file gives it).
    pub unit: String,
    /// What it is, in a sentence.
    pub meaning: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    figure: Vec<FigureInfo>,
}

const BUILTIN: &str = include_str!("../../data/year-view-figures.toml");

impl FigureRef {
    /// The figure's name in data files (`settlement.shortfall`), as serde writes it.
    pub fn name(&self) -> String {
        match toml::Value::try_from(self) {
            Ok(toml::Value::Table(mut t)) => match t.remove("figure") {
                Some(toml::Value::String(n)) => n,
                _ => String::new(),
            },
            _ => String::new(),
        }
    }

    /// Every year-view figure, in the order of the enum: name, arguments, unit and
    /// meaning. The facts crate's reference page is generated from it.
    ///
    /// ```
    /// let share = bosetting::FigureRef::catalogue()
    ///     .iter()
    ///     .find(|f| f.name == "national.group_share")
    ///     .ok_or("no such figure")?;
    /// assert_eq!(share.unit, "share");
    /// let args: Vec<&str> = share.args.iter().map(|a| a.name.as_str()).collect();
    /// assert_eq!(args, ["year", "group"]);
    /// # Ok::<(), &str>(())
    /// ```
    pub fn catalogue() -> &'static [FigureInfo] {
        static CATALOGUE: OnceLock<Vec<FigureInfo>> = OnceLock::new();
        // The shipped file is checked by a test; should it not read, the list is empty
        // rather than a panic, and that test fails.
        CATALOGUE.get_or_init(|| {
            toml::from_str::<CatalogueFile>(BUILTIN)
                .map(|f| f.figure)
                .unwrap_or_default()
        })
    }

    /// This figure's entry in [`FigureRef::catalogue`].
    pub fn info(&self) -> Option<&'static FigureInfo> {
        let name = self.name();
        FigureRef::catalogue().iter().find(|f| f.name == name)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    /// The names serde accepts, read off its error for an unknown name, so that the list
    /// comes from the enum's own attributes and not from a copy of them.
    fn serde_names() -> Vec<String> {
        let err = serde_json::from_str::<FigureRef>(r#"{"figure": "no.such.figure"}"#)
            .unwrap_err()
            .to_string();
        let list = err.split("expected one of ").nth(1).unwrap();
        list.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, n)| n.to_owned())
            .collect()
    }

    #[test]
    fn the_catalogue_is_the_enum() {
        toml::from_str::<CatalogueFile>(BUILTIN).unwrap();
        let catalogue = FigureRef::catalogue();
        let names: Vec<&str> = catalogue.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            serde_names(),
            names,
            "the catalogue and FigureRef's serde names differ"
        );
        for f in catalogue {
            assert!(!f.meaning.is_empty() && !f.unit.is_empty(), "{}", f.name);
            let mut obj = serde_json::Map::new();
            obj.insert("figure".into(), f.name.clone().into());
            for a in &f.args {
                let v: serde_json::Value = serde_json::from_str(&a.example)
                    .unwrap_or_else(|e| panic!("{}.{}: {e}", f.name, a.name));
                obj.insert(a.name.clone(), v);
            }
            let read: FigureRef = serde_json::from_value(obj.clone().into())
                .unwrap_or_else(|e| panic!("{}: {e}", f.name));
            assert_eq!(read.name(), f.name);
            assert_eq!(read.info(), Some(f));
            // What it writes back is its name and no argument the entry does not list.
            let back = serde_json::to_value(&read).unwrap();
            for k in back.as_object().unwrap().keys().filter(|k| *k != "figure") {
                assert!(
                    f.args.iter().any(|a| a.name == *k),
                    "{}: unlisted {k}",
                    f.name
                );
            }
            // A required argument left out is an error; an optional one is not.
            for a in &f.args {
                let mut less = obj.clone();
                less.remove(&a.name);
                let r = serde_json::from_value::<FigureRef>(less.into());
                assert_eq!(r.is_err(), a.required, "{}: {}", f.name, a.name);
            }
        }
    }
}
