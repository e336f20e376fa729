//! Every message about a place in a file gives file:line:column (issue 10): the findings that had
//! none before (a glyph missing from a title built from `agency`, a 总计 column out of balance when
//! the totals are computed, `date`, `period`, year vs format, fivefold jumps), and every failure
//! kind in the batch JSON; and which glyphs missing are listed, in which order, at which place.

use crate::common;
use common::nianbao_in;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/xingan-2024.toml");

fn example() -> String {
    std::fs::read_to_string(EXAMPLE).unwrap()
}

/// 1-based (line, column in characters) of the `nth` occurrence of `needle` in `text`.
fn place_of(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in the file"))
        .0;
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].chars().count() + 1)
}

/// The "path:line:column" under the first diagnostic whose first line contains `message`.
fn location_of<'a>(stderr: &'a str, message: &str) -> Option<&'a str> {
    let mut lines = stderr.lines();
    while let Some(l) = lines.next() {
        if (l.starts_with("错误：") || l.starts_with("警告：")) && l.contains(message) {
            let next = lines.next()?;
            return next.trim().strip_prefix("--> ");
        }
    }
    None
}

/// Runs `check` on `text` saved as a.toml in a fresh folder (with `extra` files beside it) and
/// asserts the diagnostic saying `message` points at `expected` in it.
fn assert_place(text: &str, extra: &[(&str, &str)], message: &str, expected: (usize, usize)) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    for (name, content) in extra {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    let (_, _, err) = nianbao_in(dir.path(), &["check", "a.toml", "--no-system-fonts"]);
    let at = location_of(&err, message).unwrap_or_else(|| panic!("no place for {message}:\n{err}"));
    assert_eq!(
        at,
        format!("a.toml:{}:{}", expected.0, expected.1),
        "{message}:\n{err}"
    );
}

#[test]
fn a_glyph_missing_from_a_title_built_from_agency_points_at_agency() {
    // U+E000 (private use): no font has it. The title is left out, so it is built from agency.
    let text = example()
        .replacen("agency = \"兴安区", "agency = \"兴安区\u{E000}", 1)
        .lines()
        .filter(|l| !l.starts_with("title = \"兴安区"))
        .collect::<Vec<_>>()
        .join("\n");
    let at = place_of(&text, "\u{E000}", 0);
    assert_place(&text, &[], "U+E000", at);
    // With the title given, the title is the place.
    let text = example().replacen("title = \"兴安区", "title = \"兴安区\u{E000}", 1);
    let at = place_of(&text, "\u{E000}", 0);
    assert_place(&text, &[], "U+E000", at);
}

/// The example's part 三 with every row's 总计 left out and the （七）总计 row too.
fn totals_left_out(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("total "))
        .map(|l| match l.find("= [0, 0, 0, 0, 0, 0, 0]") {
            Some(_) => l.replacen("[0, 0, 0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0]", 1),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_unbalanced_computed_total_column_points_at_the_row_written() {
    let text = totals_left_out(&example()).replacen(
        "carried_forward = [0, 0, 0, 0, 0, 0]",
        "carried_forward = [0, 2, 0, 0, 0, 0]",
        1,
    );
    let line = place_of(&text, "carried_forward = [", 0).0;
    let column = place_of(&text, "[0, 2", 0).1 + 1;
    // The 总计 column: computed, so the row's numbers are the place.
    assert_place(&text, &[], "总计 列不平衡", (line, column));
    // The 商业企业 column: the number written.
    assert_place(&text, &[], "商业企业 列不平衡", (line, column + 3));
}

#[test]
fn date_period_and_format_warnings_point_at_their_values() {
    let text = example().replacen("year = 2024", "year = 2024\ndate = 2024-06-01", 1);
    let at = place_of(&text, "2024-06-01", 0);
    assert_place(&text, &[], "成文日期 2024年6月1日", at);

    let text = example().replacen(
        "year = 2024",
        "year = 2024\nperiod = { start = 2023-01-01 }",
        1,
    );
    let at = place_of(&text, "2023-01-01", 0);
    assert_place(&text, &[], "统计期限", at);

    // A 2020 report in the 2021 format: the format written is the place…
    let text = example().replacen("year = 2024", "year = 2020", 1);
    let at = place_of(&text, "\"2021\"", 0);
    assert_place(&text, &[], "通常使用 2019 格式", at);
    // …or, without `format`, the year.
    let text = text.replacen("format = \"2021\"", "", 1);
    let at = place_of(&text, "2020", 0);
    assert_place(&text, &[], "通常使用 2019 格式", at);
}

#[test]
fn fivefold_jumps_point_at_this_year_and_name_last_years_place() {
    // Last year: 行政复议 with its 总计 left out (computed); 一、本年新收 3 applications.
    let last = totals_left_out(&example())
        .replacen("year = 2024", "year = 2023", 1)
        .replacen(
            "review            = [0, 0, 0, 0, 0]",
            "review = [1, 0, 0, 0]",
            1,
        )
        .replacen(
            "new             = [0, 0, 0, 0, 0, 0]",
            "new = [3, 0, 0, 0, 0, 0]",
            1,
        )
        .replacen(
            "granted         = [0, 0, 0, 0, 0, 0]",
            "granted = [3, 0, 0, 0, 0, 0]",
            1,
        );
    // This year: 20 reviews, 40 applications, every 总计 computed.
    let this = totals_left_out(&example())
        .replacen("year = 2024", "previous = \"last.toml\"\nyear = 2024", 1)
        .replacen(
            "review            = [0, 0, 0, 0, 0]",
            "review = [20, 0, 0, 0]",
            1,
        )
        .replacen(
            "new             = [0, 0, 0, 0, 0, 0]",
            "new = [40, 0, 0, 0, 0, 0]",
            1,
        )
        .replacen(
            "granted         = [0, 0, 0, 0, 0, 0]",
            "granted = [40, 0, 0, 0, 0, 0]",
            1,
        );
    let extra = [("last.toml", last.as_str())];
    assert_place(
        &this,
        &extra,
        "行政复议 的 总计 从上年的 1",
        place_of(&this, "20, 0", 0),
    );
    assert_place(
        &this,
        &extra,
        "本年新收政府信息公开申请数量 的 总计",
        place_of(&this, "40, 0", 0),
    );
    // The message names where last year's number is.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), &this).unwrap();
    std::fs::write(dir.path().join("last.toml"), &last).unwrap();
    let (_, _, err) = nianbao_in(dir.path(), &["check", "a.toml"]);
    let (line, col) = place_of(&last, "1, 0, 0, 0]", 0);
    assert!(
        err.contains(&format!("从上年的 1（last.toml:{line}:{col}）变为 20")),
        "{err}"
    );
}

#[test]
fn a_report_of_another_year_in_a_sum_points_at_its_year() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("in")).unwrap();
    let ex = example();
    std::fs::write(d.join("in/a.toml"), ex.replacen("兴安区", "甲区", 1)).unwrap();
    std::fs::write(d.join("in/b.toml"), ex.replacen("兴安区", "乙区", 1)).unwrap();
    let odd = ex.replacen("year = 2024", "year = 2023", 1);
    std::fs::write(d.join("in/c.toml"), &odd).unwrap();
    let (code, _, err) = nianbao_in(d, &["sum", "in", "-o", "sum.toml", "--agency", "某市"]);
    assert_eq!(code, 1, "{err}");
    let (line, col) = place_of(&odd, "2023", 0);
    assert_eq!(
        location_of(&err, "不能汇总在一起"),
        Some(format!("in/c.toml:{line}:{col}").as_str()),
        "{err}"
    );
}

/// (input file, code of its first error, the file that error names, its line and column if any)
type Expected<'a> = (&'a str, &'a str, String, Option<(usize, usize)>);

/// One report file per kind of batch failure; each failure must carry its file, and line and
/// column when it has a place inside a file.
#[cfg(unix)]
#[test]
fn every_batch_failure_carries_its_file_and_place_in_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = d.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    let ex = example();
    let agency = |name: &str| ex.replacen("兴安区人民政府", name, 1);
    let put = |name: &str, text: &[u8]| std::fs::write(input.join(name), text).unwrap();
    // Name clash: the same agency and year twice.
    put("clash1.toml", ex.as_bytes());
    put("clash2.toml", ex.as_bytes());
    put(
        "encoding.toml",
        b"year = 2024\ntitle = \"\xc4\xea\xb1\xa8\"\n",
    );
    put(
        "syntax.toml",
        agency("甲")
            .replacen("year = 2024", "year = = 2024", 1)
            .as_bytes(),
    );
    put(
        "unknown.toml",
        agency("乙")
            .replacen("year = 2024", "year = 2024\nyaer = 1", 1)
            .as_bytes(),
    );
    put(
        "rowsum.toml",
        agency("丙")
            .replacen(
                "review            = [0, 0, 0, 0, 0]",
                "review = [1, 0, 0, 0, 0]",
                1,
            )
            .as_bytes(),
    );
    put(
        "previous.toml",
        agency("丁")
            .replacen("year = 2024", "previous = \"nope.toml\"\nyear = 2024", 1)
            .as_bytes(),
    );
    let untitled: String = agency("戊\u{E000}")
        .lines()
        .filter(|l| !l.starts_with("title = \"兴安区"))
        .map(|l| format!("{l}\n"))
        .collect();
    put("glyph.toml", untitled.as_bytes());
    // The output of this one is a symlink in the output folder: kept, the report fails.
    put("outlink.toml", agency("己").as_bytes());
    std::os::unix::fs::symlink(
        "elsewhere",
        d.join("out/己2024年政府信息公开工作年度报告.pdf"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/nonexistent", input.join("dangling.toml")).unwrap();
    std::os::unix::fs::symlink("loop.toml", input.join("loop.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", input.join("device.toml")).unwrap();
    let ok = std::process::Command::new("mkfifo")
        .arg(input.join("sub/fifo.toml"))
        .status()
        .unwrap()
        .success();
    assert!(ok);

    let (code, out, err) = nianbao_in(
        d,
        &[
            "batch",
            "in",
            "--out-dir",
            "out",
            "--format",
            "pdf",
            "--report",
            "r.json",
            "--no-system-fonts",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("r.json")).unwrap()).unwrap();
    let text = |name: &str| std::fs::read_to_string(input.join(name)).unwrap();
    let at = |name: &str, needle: &str| Some(place_of(&text(name), needle, 0));
    let expected: Vec<Expected> = vec![
        (
            "clash1.toml",
            "name-clash",
            "in/clash1.toml".into(),
            at("clash1.toml", "\"兴安区"),
        ),
        (
            "clash2.toml",
            "name-clash",
            "in/clash2.toml".into(),
            at("clash2.toml", "\"兴安区"),
        ),
        ("device.toml", "io", "in/device.toml".into(), None),
        ("dangling.toml", "io", "in/dangling.toml".into(), None),
        (
            "encoding.toml",
            "encoding",
            "in/encoding.toml".into(),
            Some((2, 10)),
        ),
        (
            "glyph.toml",
            "missing-glyph",
            "in/glyph.toml".into(),
            at("glyph.toml", "\u{E000}"),
        ),
        ("loop.toml", "io", "in/loop.toml".into(), None),
        (
            "outlink.toml",
            "output",
            "out/己2024年政府信息公开工作年度报告.pdf".into(),
            None,
        ),
        (
            "previous.toml",
            "previous-unreadable",
            "in/previous.toml".into(),
            at("previous.toml", "\"nope.toml\""),
        ),
        (
            "rowsum.toml",
            "part4-total",
            "in/rowsum.toml".into(),
            at("rowsum.toml", "0]   # 行政复议"),
        ),
        ("sub/fifo.toml", "io", "in/sub/fifo.toml".into(), None),
        (
            "syntax.toml",
            "syntax",
            "in/syntax.toml".into(),
            at("syntax.toml", "= 2024"),
        ),
        (
            "unknown.toml",
            "unknown-key",
            "in/unknown.toml".into(),
            at("unknown.toml", "yaer"),
        ),
    ];
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), expected.len(), "{json:#}");
    for (name, code, file, place) in expected {
        let r = results
            .iter()
            .find(|r| r["file"] == format!("in/{name}"))
            .unwrap_or_else(|| panic!("{name} not in the JSON"));
        assert_eq!(r["status"], "failed", "{name}: {r:#}");
        let first = r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["severity"] == "error")
            .unwrap();
        assert_eq!(first["code"], code, "{name}: {first:#}");
        assert_eq!(first["file"], file, "{name}: {first:#}");
        let (line, column) = match place {
            Some((l, c)) => (serde_json::json!(l), serde_json::json!(c)),
            None => (serde_json::Value::Null, serde_json::Value::Null),
        };
        assert_eq!(first["line"], line, "{name}: {first:#}");
        assert_eq!(first["column"], column, "{name}: {first:#}");
    }
    // Every error of every file with a place in a file has one (none carries a file without
    // saying which).
    for r in results {
        for d in r["diagnostics"].as_array().unwrap() {
            assert!(d["file"].is_string(), "{d:#}");
        }
    }
}

#[test]
fn glyphs_missing_in_many_places_are_listed_by_role_and_character_each_at_its_first_place() {
    // 25 private-use characters (no font has them) opening the preamble, written last to first;
    // U+E003 in the title too (标题 comes before 正文); U+E000 again later, in part 一.
    let body: String = (0..25u32)
        .rev()
        .map(|i| char::from_u32(0xE000 + i).unwrap())
        .collect();
    let text = example()
        .replacen("title = \"兴安区", "title = \"兴安区\u{E003}", 1)
        .replacen(
            "preamble = \"\"\"\n",
            &format!("preamble = \"\"\"\n{body}"),
            1,
        )
        .replacen("2024年，兴安区坚决", "2024年，\u{E000}兴安区坚决", 1);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), &text).unwrap();
    let (code, _, err) = nianbao_in(dir.path(), &["check", "a.toml", "--no-system-fonts"]);
    assert_eq!(code, 1, "{err}");
    let listed: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("错误：") && l.contains("没有字形"))
        .collect();
    // 26 (role, character) pairs: the first 20 in order of role, then character; then the rest
    // counted.
    let mut expected = vec!["“\u{E003}”（U+E003）在标题字体".to_string()];
    expected.extend((0..19).map(|i| format!("（U+{:04X}）在正文字体", 0xE000 + i)));
    assert_eq!(listed.len(), 21, "{err}");
    for (line, want) in listed.iter().zip(&expected) {
        assert!(
            line.contains(want.as_str()),
            "{line} should name {want}\n{err}"
        );
    }
    assert!(listed[20].contains("另有 6 个字符没有字形"), "{err}");
    // Each at its first place: U+E000 in the preamble, not in part 一.
    let at = place_of(&text, "\u{E000}", 0);
    assert_eq!(
        location_of(&err, "（U+E000）在正文字体"),
        Some(format!("a.toml:{}:{}", at.0, at.1).as_str()),
        "{err}"
    );
    let at = place_of(&text, "\u{E003}", 0);
    assert_eq!(
        location_of(&err, "（U+E003）在标题字体"),
        Some(format!("a.toml:{}:{}", at.0, at.1).as_str()),
        "{err}"
    );
}
