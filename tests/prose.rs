//! The prose check on a corpus of real-style sentences (tests/prose/corpus.txt): each sentence is
//! put into part 六 of examples/linjiang-2024.toml and checked with last year's report; correct and
//! other-scope sentences give no finding, wrong ones give exactly the findings listed, each at its
//! figure. Also: no finding on the examples and on generated reports whose prose quotes their tables.

use std::path::Path;
use std::sync::Arc;

use nianbao::check::{check, load_previous};
use nianbao::diag::Diagnostic;
use nianbao::source::Source;

const BASE: &str = "examples/linjiang-2024.toml";

struct Case {
    kind: char,
    sentence: String,
    /// (rule, quoted text, end of the message).
    expected: Vec<(String, String, String)>,
}

fn corpus() -> Vec<Case> {
    let text = std::fs::read_to_string("tests/prose/corpus.txt").unwrap();
    let mut cases: Vec<Case> = Vec::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(rest) = line.strip_prefix('!') {
            let parts: Vec<&str> = rest.split('|').map(str::trim).collect();
            assert_eq!(parts.len(), 3, "{line}");
            let case = cases.last_mut().expect("a finding before any sentence");
            case.expected
                .push((parts[0].into(), parts[1].into(), parts[2].into()));
            continue;
        }
        let (kind, sentence) = line.split_once('：').expect(line);
        let kind = match kind {
            "对" => 'o',
            "错" => 'x',
            "他" => 's',
            _ => panic!("unknown kind in {line}"),
        };
        cases.push(Case {
            kind,
            sentence: sentence.to_string(),
            expected: Vec::new(),
        });
    }
    cases
}

/// The base report with `sentence` as part 六's text.
fn with_part6(sentence: &str) -> String {
    let base = std::fs::read_to_string(BASE).unwrap();
    let at = base.find("[part6]").unwrap();
    format!(
        "{}[part6]\ntext = \"\"\"\n{sentence}\n\"\"\"\n",
        &base[..at]
    )
}

fn prose_findings(toml: &str) -> (Arc<Source>, Vec<Diagnostic>) {
    let source = Arc::new(Source::new(BASE, toml.to_string()));
    let report = nianbao::input::parse(Arc::clone(&source)).unwrap();
    let previous = load_previous(&report).unwrap();
    let found = check(&report, previous.as_ref())
        .into_iter()
        .filter(|d| d.code.as_str().starts_with("prose-"))
        .collect();
    (source, found)
}

#[test]
fn corpus_sentences_give_exactly_their_findings() {
    let cases = corpus();
    let count = |k| cases.iter().filter(|c| c.kind == k).count();
    assert!(cases.len() >= 60, "{} sentences", cases.len());
    assert!(count('o') >= 20 && count('x') >= 20 && count('s') >= 20);
    let mut failures = Vec::new();
    for case in &cases {
        let toml = with_part6(&case.sentence);
        let (source, found) = prose_findings(&toml);
        if case.kind == 'x' {
            assert!(
                !case.expected.is_empty(),
                "错 without findings: {}",
                case.sentence
            );
        } else {
            assert!(
                case.expected.is_empty(),
                "findings listed for 对/他: {}",
                case.sentence
            );
        }
        let mut ok = found.len() == case.expected.len();
        for ((code, quote, tail), d) in case.expected.iter().zip(&found) {
            ok &= d.code.as_str() == code
                && d.message.contains(&format!("“{quote}”"))
                && d.message.ends_with(tail.as_str());
            // Each finding points at its figure (or claim) in the TOML, inside the sentence.
            let loc = d.location.as_ref().expect("a finding has a place");
            let at = &source.text()[loc.span.clone()];
            ok &= quote.ends_with(at) || quote.starts_with(at);
            ok &= toml[..loc.span.start].ends_with(&quote[..quote.len() - at.len()])
                || toml[loc.span.start..].starts_with(quote.as_str());
        }
        if !ok {
            let got: Vec<String> = found
                .iter()
                .map(|d| {
                    let at = d.location.as_ref().map(|l| l.display()).unwrap_or_default();
                    format!("  {} {} @ {at}", d.code, d.message)
                })
                .collect();
            failures.push(format!(
                "{}：{}\n{}",
                case.kind,
                case.sentence,
                got.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_same_sentence_is_read_in_the_preamble_and_every_part() {
    let wrong = "全年新收政府信息公开申请87件。";
    let base = std::fs::read_to_string(BASE).unwrap();
    let places = [
        ("preamble = \"\"\"\n", "preamble"),
        ("[part1]\ntext = \"\"\"\n", "part1"),
        ("[part5]\ntext = \"\"\"\n", "part5"),
        ("[part6]\ntext = \"\"\"\n", "part6"),
    ];
    for (anchor, name) in places {
        let at = base.find(anchor).unwrap_or_else(|| panic!("{name}")) + anchor.len();
        let toml = format!("{}{wrong}\n{}", &base[..at], &base[at..]);
        let (_, found) = prose_findings(&toml);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        let (line, col) = found[0]
            .location
            .as_ref()
            .map(|l| l.source.line_col(l.span.start))
            .unwrap();
        let line_no = base[..at].lines().count() + 1;
        assert_eq!((line, col), (line_no, 13), "{name}");
    }
    // Part 四's text and a section of part 一.
    let toml = base.replacen("被申请行政复议4件", "被申请行政复议5件", 1);
    assert_eq!(prose_findings(&toml).1.len(), 1);
    let toml = base.replacen("予以公开33件", "予以公开35件", 1);
    assert_eq!(prose_findings(&toml).1.len(), 1);
    // The signature is not prose.
    let toml = base.replacen(
        "signature = \"临江市自然资源和规划局\"",
        "signature = \"临江市自然资源和规划局（新收申请87件）\"",
        1,
    );
    assert!(prose_findings(&toml).1.is_empty());
}

#[test]
fn examples_have_no_prose_findings() {
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        let report = nianbao::input::load(&path).unwrap();
        let previous = load_previous(&report).unwrap();
        let found: Vec<_> = check(&report, previous.as_ref())
            .into_iter()
            .filter(|d| d.code.as_str().starts_with("prose-"))
            .collect();
        assert!(found.is_empty(), "{}: {found:?}", path.display());
    }
    assert!(Path::new("examples/xingan-2024.toml").exists());
}

/// Sentences that quote a report's own tables correctly, worded in several ways.
fn true_sentences(r: &nianbao::model::Report, seed: u64) -> String {
    let p = &r.part3();
    let sum = |rows: &[nianbao::model::Row]| rows.iter().map(|r| r.total().value()).sum::<u64>();
    let (new, over, done, fwd) = (
        p.new.total().value(),
        p.carried_over.total().value(),
        p.total.total().value(),
        p.carried_forward.total().value(),
    );
    let (g, pg) = (p.granted.total().value(), p.partly_granted.total().value());
    let legal: u64 = p.new.cells()[1..6].iter().map(|c| c.value()).sum();
    let groups = &r.part4().groups;
    let review = &groups[0].cells();
    let suits = groups[1].cells()[4].value() + groups[2].cells()[4].value();
    let mut out = vec![
        match seed % 3 {
            0 => format!(
                "全年新收政府信息公开申请{new}件，上年结转{over}件，办结{done}件，结转下年度继续办理{fwd}件。"
            ),
            1 => format!(
                "本年度共受理政府信息公开申请{}件（含上年结转{over}件），已办理完毕{done}件，顺延{fwd}件。",
                new + over
            ),
            _ => format!(
                "2024年共收到政府信息公开申请{new}件，其中自然人申请{}件，法人或其他组织申请{legal}件；上年度结转{over}件。",
                p.new.cells()[0].value()
            ),
        },
        format!(
            "办结的申请中，予以公开{g}件，部分公开{pg}件，不予公开{}件，无法提供{}件，不予处理{}件，其他处理{}件。",
            sum(&p.denied),
            sum(&p.unable),
            sum(&p.not_processed),
            sum(&p.other)
        ),
        format!(
            "因政府信息公开工作被申请行政复议{}件，其中结果维持{}件、结果纠正{}件、其他结果{}件、尚未审结{}件；被提起行政诉讼{suits}件。",
            review[4].value(),
            review[0].value(),
            review[1].value(),
            review[2].value(),
            review[3].value()
        ),
    ];
    if done > 0 {
        let pct = (g + pg) as f64 * 100.0 / done as f64;
        out.push(format!(
            "予以公开和部分公开的申请共{}件，占办结总数的{pct:.1}%。",
            g + pg
        ));
    }
    if let nianbao::model::Part2::V2021(d) = &r.part2() {
        let n = &d.normative_documents;
        out.push(format!(
            "本年度制发行政规范性文件{}件，废止{}件，截至年底现行有效{}件；全年作出行政许可决定{}件、行政处罚决定{}件、行政强制决定{}件，收取行政事业性收费{}万元。",
            n[0].value(), n[1].value(), n[2].value(), d.licensing.value(), d.punishment.value(), d.coercion.value(), d.fees.display()
        ));
    }
    if review[4].value() > 0 && review[1].value() + review[2].value() + review[3].value() == 0 {
        out.push("行政复议案件均获维持。".into());
    }
    if review[4].value() + suits == 0 {
        out.push("全年未发生因政府信息公开工作引起的行政复议、行政诉讼。".into());
    }
    out.join("\n")
}

#[test]
fn generated_reports_quoting_their_tables_have_no_findings() {
    for seed in 0..300 {
        let toml = nianbao::generate::report(seed, 4).to_toml();
        let source = Arc::new(Source::new("gen.toml", toml.clone()));
        let report = nianbao::input::parse(source).unwrap();
        assert!(check(&report, None).is_empty(), "seed {seed}");
        let at = toml.find("[part6]").unwrap();
        let toml = format!(
            "{}[part6]\ntext = \"\"\"\n{}\n\"\"\"\n",
            &toml[..at],
            true_sentences(&report, seed)
        );
        let report = nianbao::input::parse(Arc::new(Source::new("gen.toml", toml))).unwrap();
        let found = check(&report, None);
        assert!(found.is_empty(), "seed {seed}: {found:?}");
    }
}

#[test]
fn generated_reports_with_a_figure_changed_are_caught() {
    for seed in 0..100 {
        let toml = nianbao::generate::report(seed, 4).to_toml();
        let report =
            nianbao::input::parse(Arc::new(Source::new("gen.toml", toml.clone()))).unwrap();
        let sentences = true_sentences(&report, seed);
        // Change the first figure that follows “予以公开” (one more than the table).
        let g = report.part3().granted.total().value();
        let right = format!("予以公开{g}件");
        let wrong = format!("予以公开{}件", g + 1);
        let at = toml.find("[part6]").unwrap();
        let toml = format!(
            "{}[part6]\ntext = \"\"\"\n{}\n\"\"\"\n",
            &toml[..at],
            sentences.replacen(&right, &wrong, 1)
        );
        let report = nianbao::input::parse(Arc::new(Source::new("gen.toml", toml))).unwrap();
        let found: Vec<_> = check(&report, None)
            .into_iter()
            .filter(|d| d.code == "prose-figure")
            .collect();
        assert_eq!(found.len(), 1, "seed {seed}: {found:?}");
        assert!(found[0].message.contains(&wrong), "{}", found[0].message);
    }
}
