//! Realistic generated reports for tests and benchmarks: varied numbers that pass every rule and
//! varied prose of a chosen length. Deterministic: the same seed gives the same report.

use crate::model::part3::TOTAL_COLUMN;
use crate::model::part4::TOTAL_COLUMN as P4_TOTAL;
use crate::model::{Amount, Count, Date, Format, Part2, RowId};
use crate::write::{Draft, DraftBody};

const PLACES: [&str; 12] = [
    "临江市",
    "青山区",
    "云溪县",
    "东湖区",
    "白河市",
    "松林县",
    "南岸区",
    "石桥镇",
    "北塘区",
    "长宁县",
    "西岭市",
    "金水区",
];
const BODIES: [&str; 16] = [
    "人民政府",
    "教育局",
    "财政局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "卫生健康委员会",
    "市场监督管理局",
    "医疗保障局",
    "应急管理局",
    "民政局",
    "司法局",
];
const OPENINGS: [&str; 6] = [
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "认真贯彻落实《中华人民共和国政府信息公开条例》",
    "围绕中心工作和群众关切",
    "按照上级政务公开工作要点的部署",
    "坚持以公开为常态、不公开为例外",
    "持续推进决策、执行、管理、服务、结果“五公开”",
];
const CLAUSES: [&str; 12] = [
    "全年通过政府网站主动公开政府信息{n}条",
    "及时发布政策文件并同步开展解读，解读率达100%",
    "严格落实公开前保密审查制度，审查拟公开信息{n}余条",
    "优化政府信息公开专栏，完善栏目设置和检索功能",
    "依法依规办理政府信息公开申请，按时答复率达100%",
    "组织政务公开业务培训{n}次，参训人员{n}人次",
    "围绕优化营商环境，公开涉企政策和办事指南{n}项",
    "召开新闻发布会{n}场，回应社会关切{n}次",
    "完成政府信息公开指南和目录的动态更新",
    "加强政务新媒体管理，全年推送信息{n}条",
    "将政务公开工作纳入年度绩效考核，占比{n}%",
    "开展重大行政决策预公开，公开征求意见{n}次",
];
/// Roads of contact addresses, of varied lengths, so that the long unbreakable numbers after them
/// (house number, postcode, telephone) fall at varied places of their lines.
const ROADS: [&str; 6] = [
    "人民路",
    "滨江大道",
    "建设南路",
    "解放东路中段",
    "新华街",
    "文化北街",
];
const SECTION_TITLES: [&str; 5] = [
    "主动公开情况。",
    "依申请公开情况。",
    "政府信息管理情况。",
    "平台建设情况。",
    "监督保障情况。",
];

/// SplitMix64: small, fast and good enough for varied test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

fn paragraph(rng: &mut Rng, chars: usize) -> String {
    let mut p = format!("{}，", rng.pick(&OPENINGS));
    while p.chars().count() < chars {
        let clause = rng
            .pick(&CLAUSES)
            .replace("{n}", &(2 + rng.below(400)).to_string());
        p.push_str(&clause);
        p.push('；');
    }
    p.pop();
    p.push('。');
    p
}

/// A valid report of about `pages` pages (the tables take about three; the rest is prose).
/// `seed` varies the agency, the numbers and the wording.
pub fn report(seed: u64, pages: u32) -> Draft {
    let mut rng = Rng(seed);
    let agency = format!(
        "{}{}",
        PLACES[(seed % 12) as usize],
        BODIES[((seed / 12) % 16) as usize]
    );
    let year = 2024;
    let mut d = Draft::zero(year, &agency, Format::V2021);
    d.header = vec![format!("生成的测试报告（seed {seed}，约 {pages} 页）")];
    d.date = Date::new(year + 1, 1, 10 + (seed % 18) as u8);
    d.signature = Some(agency.clone());
    // The contact sentence draws from a stream of its own: the rest of the report is as before.
    let mut contact = Rng(seed ^ 0x5EED_C0DE);
    let place = PLACES[(seed % 12) as usize];
    let road = contact.pick(&ROADS);
    let (number, postcode) = (1 + contact.below(300), 100_000 + contact.below(900_000));
    let (area, phone) = (
        10 + contact.below(990),
        1_000_000 + contact.below(99_000_000),
    );
    d.preamble = vec![format!(
        "本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。如对本报告有疑问，请与{agency}办公室联系（地址：{place}{road}{number}号，邮编：{postcode}，电话：0{area}-{phone}）。"
    )];

    // Prose: about 600 characters fill a page of 22 × 28.
    let prose_chars = (pages.saturating_sub(3).max(1) as usize) * 600;
    let paragraphs = 1 + prose_chars / 240;
    let mut body = DraftBody::default();
    for i in 0..paragraphs {
        let len = 120 + rng.below(240) as usize;
        if i % 3 == 0 && body.sections.len() < 30 {
            let title = SECTION_TITLES[body.sections.len() % SECTION_TITLES.len()].to_string();
            body.sections.push((title, vec![paragraph(&mut rng, len)]));
        } else if let Some((_, ps)) = body.sections.last_mut() {
            ps.push(paragraph(&mut rng, len));
        } else {
            body.paragraphs.push(paragraph(&mut rng, len));
        }
    }
    d.part1 = body;
    d.part5 = DraftBody {
        paragraphs: vec![paragraph(&mut rng, 150), paragraph(&mut rng, 200)],
        sections: Vec::new(),
    };
    d.part6 = DraftBody {
        paragraphs: vec!["本年度未收取信息处理费。".into()],
        sections: Vec::new(),
    };

    if let Part2::V2021(p) = &mut d.part2 {
        let issued = rng.below(6);
        let repealed = rng.below(3);
        p.normative_documents = [
            small(issued),
            small(repealed),
            small(10 + issued + rng.below(30)),
        ];
        p.licensing = small(rng.below(3000));
        p.punishment = small(rng.below(200));
        p.coercion = small(rng.below(10));
        p.fees = Amount::new(rng.below(2_000_000), 4, None).unwrap_or_default();
    }

    // Part 三: draw the results, then derive 新收 so that 一 + 二 = 三（七）+ 四 holds per column.
    let p3 = &mut d.part3;
    let weights = [40u64, 8, 2, 2, 3, 2];
    for id in RowId::results(Format::V2021) {
        let Some(row) = p3.row_mut(id) else {
            continue;
        };
        for (col, w) in weights.iter().enumerate() {
            let n = if matches!(id, RowId::Granted | RowId::Unable(0)) {
                rng.below(*w + 1)
            } else {
                rng.below(w / 4 + 2) / 2
            };
            set(row.cell_mut(col), n);
        }
    }
    for col in 0..TOTAL_COLUMN {
        let done: u64 = RowId::results(Format::V2021)
            .iter()
            .filter_map(|&r| p3.row(r))
            .map(|r| r.cells()[col].value())
            .sum();
        let over = rng.below(3).min(done);
        let forward = rng.below(3);
        set(p3.carried_over.cell_mut(col), over);
        set(p3.carried_forward.cell_mut(col), forward);
        set(p3.new.cell_mut(col), done + forward - over);
        set(p3.total.cell_mut(col), done);
    }
    for id in RowId::all(Format::V2021) {
        if let Some(row) = p3.row_mut(id) {
            row.fill_total();
        }
    }

    for g in &mut d.part4.groups {
        for col in 0..P4_TOTAL {
            set(g.cell_mut(col), rng.below(3));
        }
        g.fill_total();
    }
    d
}

/// A generated count: far below the limit (every draw is under 10 000 and a report sums a few
/// dozen), so [`Count::computed`] never refuses it.
fn small(n: u64) -> Count {
    Count::computed(n).unwrap_or_default()
}

fn set(cell: Option<&mut Count>, n: u64) {
    if let Some(c) = cell {
        *c = small(n);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::source::Source;

    #[test]
    fn generated_reports_pass_every_rule() {
        for seed in 0..40 {
            let text = report(seed, 3 + (seed % 10) as u32).to_toml();
            let r = crate::input::parse(Arc::new(Source::new("gen.toml", text)))
                .unwrap_or_else(|d| panic!("{}", crate::diag::render_all(&d)));
            let diags = crate::check::check(&r, None);
            assert!(
                diags.is_empty(),
                "seed {seed}: {}",
                crate::diag::render_all(&diags)
            );
        }
    }
}
