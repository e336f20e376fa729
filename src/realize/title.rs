//! Breaking the title between words (GB/T 9704 7.3.1: "回行时，要做到词意完整，排列对称，长短适宜，
//! 间距恰当。标题排列应当使用梯形或菱形").
//!
//! A title the user broke ("\n" in `title`) is kept as written. A one-line title wider than
//! [`TITLE_MAX_EMS`] is broken only at word boundaries, found from the text alone:
//!
//! 1. after the agency, before the year ("…人民政府办公室 | 2024年…");
//! 2. before "政府信息公开…" ("…2024年 | 政府信息公开工作年度报告");
//! 3. inside the agency name, after an organ's name: a word of [`ORGAN_SUFFIXES`] (人民政府, 办公厅,
//!    委员会, 总局, 局, 街道办事处 …) followed by more of the name ("上海市人民政府 | 办公厅",
//!    "国家税务总局 | 某某市税务局");
//! 4. inside the agency name, after an administrative division (省, 自治区, 市, 自治州, 县, 区, 旗 …)
//!    followed by another name ("某某省 | 某某市…"), unless the division character starts a word
//!    with what follows (市场, 区域, 市委 …, see [`NOT_AFTER_DIVISION`]).
//!
//! Of the breaks that give lines within the measure, a 梯形 (each line at most as long as the next)
//! or a 菱形 (the middle line longest) is chosen over other shapes, then the better kind of break
//! (in the order above), then the most even lines. Only a title with no word boundary that fits is
//! broken between characters, into even lines.

/// The widest title line, in title characters: the 版心 holds 20 characters of 2号 (22 pt), less
/// one character of air on either side (see `style::TITLE_SIDE_CHARS`).
pub const TITLE_MAX_EMS: f32 = 18.0;

/// The subject of every annual report, the start of the title's last words.
const SUBJECT: &str = "政府信息公开";

/// Words that end the name of an organ (机关、部门、派出机构), longest first where one ends another.
pub const ORGAN_SUFFIXES: &[&str] = &[
    "人民政府",
    "街道办事处",
    "办事处",
    "管理委员会",
    "委员会",
    "管委会",
    "办公厅",
    "办公室",
    "总局",
    "分局",
    "局",
    "厅",
    "部",
    "署",
    "委",
    "院",
    "中心",
    "总队",
    "支队",
    "大队",
    "税务所",
    "所",
    "站",
];

/// Administrative divisions that end a place name.
pub const DIVISIONS: &[&str] = &[
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "新区",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "区",
    "旗",
    "镇",
    "乡",
];

/// Characters that, after a division character, make one word with it (市场, 区域, 市委, 县直 …):
/// no break there.
pub const NOT_AFTER_DIVISION: &str = "场域划政委民直属级辖容貌长省市州盟县区旗镇乡";

/// Width of a title character in ems: bold serif digits and Latin letters are about 0.6 of a
/// character wide.
fn ems(s: &str) -> f32 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum()
}

/// The kind of a break, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Between the agency and the year, either way round.
    Year,
    BeforeSubject,
    AfterOrgan,
    AfterDivision,
}

/// The title's lines: the user's lines, each one-line title too wide broken between words.
pub fn break_title(lines: &[&str], year: u16) -> Vec<String> {
    if lines.len() != 1 {
        return lines.iter().map(|l| l.to_string()).collect();
    }
    let line = lines[0];
    if ems(line) <= TITLE_MAX_EMS {
        return vec![line.to_string()];
    }
    let breaks = word_breaks(line, year);
    best(line, &breaks, 1)
        .or_else(|| best(line, &breaks, 2))
        .unwrap_or_else(|| even(line))
}

/// Every word boundary of a title: byte offset and kind, in text order.
fn word_breaks(line: &str, year: u16) -> Vec<(usize, Kind)> {
    let mut out: Vec<(usize, Kind)> = Vec::new();
    let year_word = format!("{year}年");
    let subject_at = line.find(SUBJECT).filter(|&a| a > 0);
    // The agency: before the year ("某某局2024年…"), or after it ("2024年某某局政府信息公开…").
    let agency = match line.find(&year_word) {
        Some(0) => {
            let start = year_word.len();
            out.push((start, Kind::Year));
            start..subject_at.unwrap_or(line.len()).max(start)
        }
        Some(at) => {
            out.push((at, Kind::Year));
            0..at
        }
        None => 0..subject_at.unwrap_or(line.len()),
    };
    if let Some(at) = subject_at {
        out.push((at, Kind::BeforeSubject));
    }
    let name = &line[agency.clone()];
    for (at, _) in name.char_indices().skip(1) {
        let (head, tail) = name.split_at(at);
        // A word of the vocabulary that spans the position is never cut (委|员会, 办|公室).
        let inside_word = ORGAN_SUFFIXES
            .iter()
            .chain(DIVISIONS)
            .any(|w| spans(name, w, at));
        if inside_word || tail.chars().count() < 2 || head.chars().count() < 2 {
            continue;
        }
        if ORGAN_SUFFIXES.iter().any(|s| head.ends_with(s)) {
            out.push((agency.start + at, Kind::AfterOrgan));
        } else if DIVISIONS.iter().any(|d| head.ends_with(d))
            && !tail.starts_with(|c| NOT_AFTER_DIVISION.contains(c))
            && !ORGAN_SUFFIXES.iter().any(|s| tail.starts_with(s))
        {
            // Not before the organ's own suffix ("兴安区 | 人民政府" splits one name).
            out.push((agency.start + at, Kind::AfterDivision));
        }
    }
    out.sort_by_key(|b| b.0);
    out.dedup_by_key(|b| b.0);
    out
}

/// Whether an occurrence of `word` in `text` covers byte `at` strictly inside it.
fn spans(text: &str, word: &str, at: usize) -> bool {
    text.match_indices(word)
        .any(|(start, w)| start < at && at < start + w.len())
}

/// The best way to break at `cuts` of the boundaries with every line within the measure: a
/// 梯形 or 菱形 first, then the better kind of break (the worst of the cuts counts), then the most
/// even lines.
fn best(line: &str, breaks: &[(usize, Kind)], cuts: usize) -> Option<Vec<String>> {
    let mut found: Option<((u8, Kind, i32), Vec<String>)> = None;
    let mut consider = |chosen: &[(usize, Kind)]| {
        let mut lines = Vec::new();
        let mut start = 0;
        for &(at, _) in chosen {
            lines.push(&line[start..at]);
            start = at;
        }
        lines.push(&line[start..]);
        let widths: Vec<f32> = lines.iter().map(|l| ems(l)).collect();
        if widths.iter().any(|&w| w > TITLE_MAX_EMS) {
            return;
        }
        let kind = chosen.iter().map(|c| c.1).max().unwrap_or(Kind::Year);
        let longest = widths.iter().copied().fold(0.0, f32::max);
        let shortest = widths.iter().copied().fold(f32::MAX, f32::min);
        let key = (shape(&widths), kind, ((longest - shortest) * 10.0) as i32);
        if found.as_ref().is_none_or(|(k, _)| key < *k) {
            found = Some((key, lines.iter().map(|l| l.to_string()).collect()));
        }
    };
    for (i, a) in breaks.iter().enumerate() {
        if cuts == 1 {
            consider(&[*a]);
        } else {
            for b in &breaks[i + 1..] {
                consider(&[*a, *b]);
            }
        }
    }
    found.map(|(_, lines)| lines)
}

/// How much longer than the next an upper line may be and still read as even (长短适宜).
const EVEN_EMS: f32 = 1.5;

/// 0 for a 梯形 (every line at most as long as the next, give or take [`EVEN_EMS`]) or a 菱形 (the
/// middle line the longest), 1 otherwise (倒梯形).
fn shape(widths: &[f32]) -> u8 {
    let rising = widths.windows(2).all(|w| w[0] <= w[1] + EVEN_EMS);
    let diamond =
        widths.len() == 3 && widths[1] + EVEN_EMS >= widths[0] && widths[1] + EVEN_EMS >= widths[2];
    u8::from(!(rising || diamond))
}

/// No word boundary fits: even lines, as few as fit, broken between characters.
fn even(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let n = (ems(line) / TITLE_MAX_EMS).ceil().max(1.0) as usize;
    let per = chars.len().div_ceil(n);
    chars.chunks(per).map(|c| c.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(title: &str, year: u16) -> String {
        break_title(&[title], year).join(" | ")
    }

    #[test]
    fn short_titles_stay_on_one_line_and_user_breaks_are_kept() {
        assert_eq!(
            broken("2024年政府信息公开工作年度报告", 2024),
            "2024年政府信息公开工作年度报告"
        );
        assert_eq!(
            break_title(&["某某局", "2024年报告"], 2024),
            ["某某局", "2024年报告"]
        );
    }

    /// Agency names of every level, written the way real reports write them, and where a
    /// typesetter breaks the title "<agency><year>年政府信息公开工作年度报告".
    const AGENCIES: &[(&str, &str)] = &[
        // 国务院部门与直属机构
        ("教育部", "教育部 | 2024年政府信息公开工作年度报告"),
        ("生态环境部", "生态环境部 | 2024年政府信息公开工作年度报告"),
        (
            "国家发展和改革委员会",
            "国家发展和改革委员会 | 2024年政府信息公开工作年度报告",
        ),
        (
            "国家市场监督管理总局",
            "国家市场监督管理总局 | 2024年政府信息公开工作年度报告",
        ),
        (
            "国务院国有资产监督管理委员会",
            "国务院国有资产监督管理委员会 | 2024年政府信息公开工作年度报告",
        ),
        (
            "国家税务总局",
            "国家税务总局 | 2024年政府信息公开工作年度报告",
        ),
        // 省级政府及其办公厅、部门
        (
            "广东省人民政府",
            "广东省人民政府 | 2024年政府信息公开工作年度报告",
        ),
        (
            "上海市人民政府办公厅",
            "上海市人民政府办公厅 | 2024年政府信息公开工作年度报告",
        ),
        (
            "浙江省人民政府办公厅",
            "浙江省人民政府办公厅 | 2024年政府信息公开工作年度报告",
        ),
        (
            "广西壮族自治区人民政府",
            "广西壮族自治区人民政府 | 2024年政府信息公开工作年度报告",
        ),
        (
            "内蒙古自治区住房和城乡建设厅",
            "内蒙古自治区住房和城乡建设厅 | 2024年政府信息公开工作年度报告",
        ),
        (
            "江苏省市场监督管理局",
            "江苏省市场监督管理局 | 2024年政府信息公开工作年度报告",
        ),
        (
            "四川省发展和改革委员会",
            "四川省发展和改革委员会 | 2024年政府信息公开工作年度报告",
        ),
        // 地级市政府与部门
        (
            "桂林市人民政府",
            "桂林市人民政府 | 2024年政府信息公开工作年度报告",
        ),
        (
            "苏州市人民政府办公室",
            "苏州市人民政府办公室 | 2024年政府信息公开工作年度报告",
        ),
        (
            "杭州市城市管理局",
            "杭州市城市管理局 | 2024年政府信息公开工作年度报告",
        ),
        (
            "成都市公安局交通管理局",
            "成都市公安局交通管理局 | 2024年政府信息公开工作年度报告",
        ),
        (
            "延边朝鲜族自治州人民政府",
            "延边朝鲜族自治州人民政府 | 2024年政府信息公开工作年度报告",
        ),
        (
            "深圳市规划和自然资源局",
            "深圳市规划和自然资源局 | 2024年政府信息公开工作年度报告",
        ),
        // 区县政府与部门
        (
            "兴安区人民政府",
            "兴安区人民政府 | 2024年政府信息公开工作年度报告",
        ),
        (
            "桂林市兴安县人民政府",
            "桂林市兴安县人民政府 | 2024年政府信息公开工作年度报告",
        ),
        (
            "北京市朝阳区人民政府",
            "北京市朝阳区人民政府 | 2024年政府信息公开工作年度报告",
        ),
        (
            "上海市浦东新区人民政府办公室",
            "上海市浦东新区人民政府办公室 | 2024年政府信息公开工作年度报告",
        ),
        (
            "长阳土家族自治县人民政府",
            "长阳土家族自治县人民政府 | 2024年政府信息公开工作年度报告",
        ),
        (
            "鄂托克前旗人民政府",
            "鄂托克前旗人民政府 | 2024年政府信息公开工作年度报告",
        ),
        // 街道办事处、乡镇
        (
            "天河区猎德街道办事处",
            "天河区猎德街道办事处 | 2024年政府信息公开工作年度报告",
        ),
        (
            "广州市天河区人民政府猎德街道办事处",
            "广州市天河区人民政府猎德街道办事处 | 2024年政府信息公开工作年度报告",
        ),
        (
            "某某县某某镇人民政府",
            "某某县某某镇人民政府 | 2024年政府信息公开工作年度报告",
        ),
        // 垂直管理的局
        (
            "国家税务总局广州市税务局",
            "国家税务总局广州市税务局 | 2024年政府信息公开工作年度报告",
        ),
        (
            "国家税务总局广州市天河区税务局",
            "国家税务总局广州市天河区税务局 | 2024年政府信息公开工作年度报告",
        ),
        (
            "国家金融监督管理总局广东监管局",
            "国家金融监督管理总局广东监管局 | 2024年政府信息公开工作年度报告",
        ),
        (
            "中国证券监督管理委员会上海监管局",
            "中国证券监督管理委员会上海监管局 | 2024年政府信息公开工作年度报告",
        ),
        (
            "国家税务总局内蒙古自治区呼和浩特市赛罕区税务局",
            "国家税务总局 | 内蒙古自治区呼和浩特市赛罕区税务局 | 2024年政府信息公开工作年度报告",
        ),
        (
            "国家统计局苏州调查队",
            "国家统计局苏州调查队 | 2024年政府信息公开工作年度报告",
        ),
        (
            "某某市生态环境局某某分局",
            "某某市生态环境局某某分局 | 2024年政府信息公开工作年度报告",
        ),
    ];

    #[test]
    fn titles_break_after_the_agency_or_between_its_parts() {
        let mut failures = Vec::new();
        for (agency, want) in AGENCIES {
            let got = broken(&format!("{agency}2024年政府信息公开工作年度报告"), 2024);
            if got != *want {
                failures.push(format!("{agency}: got {got}, want {want}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_line_fits_and_no_word_is_cut() {
        let words = [
            "人民政府",
            "办公厅",
            "委员会",
            "街道办事处",
            "政府信息公开工作年度报告",
            "2024年",
        ];
        for (agency, _) in AGENCIES {
            let title = format!("{agency}2024年政府信息公开工作年度报告");
            let lines = break_title(&[&title], 2024);
            assert_eq!(lines.concat(), title);
            let mut at = 0;
            for l in &lines {
                assert!(ems(l) <= TITLE_MAX_EMS, "{l}");
                at += l.len();
                for w in words {
                    assert!(!spans(&title, w, at), "{title}: {w} cut");
                }
            }
        }
    }

    #[test]
    fn a_title_not_starting_with_the_agency_breaks_between_words() {
        // The case: never "2019年上海市人民政府办公 / 厅…".
        assert_eq!(
            broken("2019年上海市人民政府办公厅政府信息公开工作年度报告", 2019),
            "2019年上海市人民政府办公厅 | 政府信息公开工作年度报告"
        );
    }
}
