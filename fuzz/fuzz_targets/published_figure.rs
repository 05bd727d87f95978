#![no_main]
//! Published figures ("0,7 mill kr", "vel 70", "71 %") on any text: never a panic; a figure
//! that parses has an interval under every rule, and reconciling any value with it works.

use bosetting::{Computed, PublishedFigure, Ratio, ReconcilePolicy, RoundingRule, Source, Unit};
use libfuzzer_sys::fuzz_target;

const UNITS: [Unit; 6] = [
    Unit::Persons,
    Unit::Kroner,
    Unit::Percent,
    Unit::PercentagePoints,
    Unit::Fte,
    Unit::Times,
];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let _ = bosetting::parse_amount(text);
    let _ = text.parse::<Ratio>();
    let unit = UNITS[usize::from(sel) % UNITS.len()];
    let Ok(f) = PublishedFigure::parse(text, unit, Source::new("fuzz")) else {
        return;
    };
    for rule in RoundingRule::ALL {
        let p = ReconcilePolicy::with_rule(rule);
        if let Ok(i) = f.interval(&p) {
            if let Some(v) = i.lower().value() {
                let _ = f.reconcile(&Computed::Value(v), &p);
            }
        }
        let _ = f.reconcile(&Computed::Value(f.value()), &p);
        if let Ok(r) = Ratio::of(u64::from(sel), 57) {
            let _ = f.reconcile(&Computed::Ratio(r), &p);
        }
        let _ = f.counts_for_share(u64::from(sel).saturating_add(1), &p);
    }
});
