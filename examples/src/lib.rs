//! Shared plumbing for the examples: read a facts file, check its published figures, build
//! and print the report, and say whether every figure has the status its ledger expects.

use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bosetting::{CheckResult, Status};
use bosetting_facts::Facts;
use bosetting_report::{Format, Lang, Locale, Report};

/// The examples' data folder.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Every facts file the examples ship (the seeds, the template and the documents), sorted.
pub fn facts_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = [data_dir(), data_dir().join("documents")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// The five seed documents' facts files, in the order of their seed numbers.
pub const SEEDS: [&str; 5] = [
    "bodo_2020",
    "drammen_2024",
    "drammen_2017_t1",
    "stavanger_2017",
    "bodo_2015_2017",
];

/// A facts file read, checked and reported.
#[derive(Debug)]
pub struct Run {
    /// The facts.
    pub facts: Facts,
    /// Every check's result, in the file's order.
    pub results: Vec<CheckResult>,
    /// The report.
    pub report: Report,
}

impl Run {
    /// Reads `path` and builds its report in `lang`.
    ///
    /// # Errors
    ///
    /// The facts file's errors (with file, line and field), or a model error.
    pub fn of(path: &Path, lang: Lang) -> Result<Run, Box<dyn Error>> {
        let facts = Facts::load(path)?;
        // Every check computed once: the year's beside their specs, then the document's.
        let (pairs, rest) = facts.checked()?;
        let report =
            bosetting_report::build_document(&facts.document, &pairs, &rest, Locale::new(lang))?;
        let results = pairs.into_iter().map(|(_, r)| r).chain(rest).collect();
        Ok(Run {
            facts,
            results,
            report,
        })
    }

    /// The checks whose status is not the one the ledger expects.
    pub fn unexpected(&self) -> Vec<&CheckResult> {
        self.results
            .iter()
            .filter(|r| !r.is_as_expected())
            .collect()
    }

    /// The result of a check by id.
    pub fn result(&self, id: &str) -> Option<&CheckResult> {
        self.results.iter().find(|r| r.id == id)
    }
}

/// Counts by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Inputs.
    pub input: usize,
    /// Reproduced.
    pub reproduced: usize,
    /// Consistent.
    pub consistent: usize,
    /// Inconsistent.
    pub inconsistent: usize,
    /// Not as the ledger expects.
    pub unexpected: usize,
}

impl Tally {
    /// Adds a run's checks.
    pub fn add(&mut self, run: &Run) {
        for r in &run.results {
            match r.status {
                Status::Input => self.input += 1,
                Status::Reproduced => self.reproduced += 1,
                Status::Consistent => self.consistent += 1,
                Status::Inconsistent => self.inconsistent += 1,
            }
        }
        self.unexpected += run.unexpected().len();
    }

    /// All figures.
    pub fn total(&self) -> usize {
        self.input + self.reproduced + self.consistent + self.inconsistent
    }
}

impl Tally {
    /// The tally in the words of `l`'s language ("80 tall: 36 gjenskapt, …").
    pub fn said(&self, l: Locale) -> String {
        match l.lang {
            Lang::Nb => {
                let e = |n: usize| if n == 1 { "" } else { "e" };
                format!(
                    "{} tall: {} gjenskapt, {} forenlig{}, {} uforenlig{} ({} inndata); {} avviker fra statusen FIGURES.md venter",
                    self.total(),
                    self.reproduced,
                    self.consistent,
                    e(self.consistent),
                    self.inconsistent,
                    e(self.inconsistent),
                    self.input,
                    self.unexpected
                )
            }
            Lang::En => format!("{self}; {} not as the ledger expects", self.unexpected),
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} figures: {} reproduced, {} consistent, {} inconsistent ({} inputs)",
            self.total(),
            self.reproduced,
            self.consistent,
            self.inconsistent,
            self.input
        )
    }
}

/// Command-line options shared by the examples.
#[derive(Debug, Clone)]
pub struct Options {
    /// Output format.
    pub format: Format,
    /// Language.
    pub lang: Lang,
    /// Positional arguments.
    pub files: Vec<PathBuf>,
    /// Print the file in `bosetting-facts/2` instead of its report.
    pub upgrade: bool,
    /// Write the output to this file instead of standard output.
    pub out: Option<PathBuf>,
}

/// What `--help` and a missing argument print.
const USAGE: &str = "usage: [--format markdown|html|csv|json|xlsx] [--lang nb|en] [--out FILE] [FILE]\n       --upgrade FILE   print FILE in bosetting-facts/2";

impl Options {
    /// Where the output goes: the `--out` file, or standard output. A binary format (an
    /// .xlsx workbook) is refused on a terminal, where its bytes would only garble the
    /// screen; redirected to a file or a pipe it is written as bytes.
    ///
    /// # Errors
    ///
    /// The file cannot be created, or a binary format would go to a terminal.
    pub fn output(&self) -> Result<Box<dyn Write>, String> {
        use std::io::IsTerminal;
        match &self.out {
            Some(p) => std::fs::File::create(p)
                .map(|f| Box::new(std::io::BufWriter::new(f)) as Box<dyn Write>)
                .map_err(|e| format!("cannot create {}: {e}", p.display())),
            None if !self.format.is_text() && std::io::stdout().is_terminal() => Err(format!(
                "{} is a binary format: give --out FILE or redirect standard output to a file",
                self.format
            )),
            None => Ok(Box::new(std::io::stdout().lock())),
        }
    }
}

/// Reads `--format markdown|html|csv|json|xlsx`, `--lang nb|en`, `--out FILE` and file
/// arguments.
///
/// # Errors
///
/// A message naming the argument that is wrong.
pub fn options(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut o = Options {
        format: Format::Markdown,
        lang: Lang::Nb,
        files: Vec::new(),
        upgrade: false,
        out: None,
    };
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" | "-f" => {
                let v = it
                    .next()
                    .ok_or("--format needs a value: markdown, html, csv, json or xlsx")?;
                o.format = v
                    .parse()
                    .map_err(|e: bosetting_report::FormatError| e.to_string())?;
            }
            "--out" | "-o" => {
                o.out = Some(PathBuf::from(it.next().ok_or("--out needs a file name")?));
            }
            "--lang" => match it.next().as_deref() {
                Some("nb") => o.lang = Lang::Nb,
                Some("en") => o.lang = Lang::En,
                other => return Err(format!("--lang {other:?}: expected nb or en")),
            },
            "--upgrade" => o.upgrade = true,
            "--help" | "-h" => return Err(USAGE.into()),
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}")),
            _ => o.files.push(PathBuf::from(a)),
        }
    }
    Ok(o)
}

/// Runs an example that renders its output as text from the command line options
/// (`--format`, `--lang`): prints the text, or the error on standard error and fails.
pub fn main_rendering(
    render: impl FnOnce(Format, Lang) -> Result<String, Box<dyn Error>>,
) -> ExitCode {
    let opts = match options(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if !opts.format.is_text() {
        eprintln!(
            "this example writes text formats (markdown, html, csv, json), not {}; the report \
             example writes a facts file's report as {0}",
            opts.format
        );
        return ExitCode::from(2);
    }
    let written = render(opts.format, opts.lang).and_then(|text| {
        let mut out = opts.output()?;
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one facts file from the command line: prints its report to standard output, a summary
/// to standard error, and fails if a check does not have the status its ledger expects.
pub fn main_for(default: Option<&str>) -> ExitCode {
    let opts = match options(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let path = match (opts.files.first(), default) {
        (Some(p), _) => p.clone(),
        (None, Some(d)) => data_dir().join(format!("{d}.toml")),
        (None, None) => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if opts.upgrade {
        return upgrade(&path);
    }
    let run = match Run::of(&path, opts.lang) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let written = opts.output().and_then(|mut out| {
        bosetting_report::render(&run.report, opts.format, &mut out)
            .and_then(|()| out.flush())
            .map_err(|e| format!("writing the report: {e}"))
    });
    if let Err(e) = written {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let mut t = Tally::default();
    t.add(&run);
    eprintln!("{}: {t}", path.display());
    let bad = run.unexpected();
    for r in &bad {
        eprintln!(
            "NOT AS EXPECTED: {} is {} (the ledger expects {}): {}",
            r.id,
            r.status,
            r.expected.map_or("-".to_owned(), |s| s.to_string()),
            r.reconciliation
        );
    }
    if bad.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints a facts file in `bosetting-facts/2`, after checking that it reads the same.
fn upgrade(path: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let up = bosetting_facts::upgrade(&text);
    let origin = path.display().to_string();
    let read = |t: &str| {
        if path.extension().is_some_and(|e| e == "json") {
            Facts::from_json_str(t, &origin)
        } else {
            Facts::from_toml_str(t, &origin)
        }
    };
    let same = match (
        read(&text).and_then(|f| f.check()),
        read(&up).and_then(|f| f.check()),
    ) {
        (Ok(a), Ok(b)) => a == b,
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !same {
        eprintln!(
            "error: the upgraded file does not give the same checks (a defect: please report it)"
        );
        return ExitCode::FAILURE;
    }
    let mut out = std::io::stdout().lock();
    if out
        .write_all(up.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// For the examples' tests: runs a seed file and asserts every check is as the ledger expects.
///
/// # Panics
///
/// If the file cannot be read or a check is not as expected (this is a test helper).
#[allow(clippy::panic)]
pub fn assert_seed(name: &str) -> Run {
    let path = data_dir().join(format!("{name}.toml"));
    let run = Run::of(&path, Lang::Nb).unwrap_or_else(|e| panic!("{name}: {e}"));
    let bad: Vec<String> = run
        .unexpected()
        .iter()
        .map(|r| format!("{} is {} ({})", r.id, r.status, r.reconciliation))
        .collect();
    assert!(bad.is_empty(), "{name}: {}", bad.join("; "));
    for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
        let mut out = Vec::new();
        bosetting_report::render(&run.report, format, &mut out)
            .unwrap_or_else(|e| panic!("{name} {format}: {e}"));
        let text = String::from_utf8(out).unwrap_or_else(|e| panic!("{name} {format}: {e}"));
        // Every checked figure is in the report, under its id, with its status.
        for r in &run.results {
            let shown = match format {
                Format::Csv => text
                    .lines()
                    .find(|l| l.starts_with(&format!("{};", r.id)))
                    .is_some_and(|l| {
                        let word = bosetting_report::status_name(
                            bosetting_report::Locale::new(run.report.lang),
                            r.status.into(),
                        );
                        l.contains(&format!(";{word};"))
                    }),
                Format::Json => {
                    text.contains(&format!("\"id\": \"{}\"", r.id))
                        && text.contains(&format!("\"status\": \"{}\"", r.status))
                }
                _ => text.contains(&r.id),
            };
            assert!(
                shown,
                "{name} {format}: {} ({}) not in the report",
                r.id, r.status
            );
        }
    }
    run
}
