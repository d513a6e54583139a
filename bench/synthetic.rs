//! Synthetic plans for the benchmark and the tests: the same vocabulary and shape as the
//! peers' `gen_plans.py` (20–60 tasks in 5–9 groups, 16–18 body entries), made in Rust
//! so the benchmark needs no Python. Deterministic for a seed. Unlike the peers'
//! generator, numbers are unique per ward and year (Decree 30), so a batch exports
//! without duplicate errors.

use std::collections::HashMap;

use crate::peer_plan::{Appendix, BodyItem, Group, Header, PeerPlan, Signature, Task};

const WARDS: [&str; 7] = [
    "Ninh Hà",
    "Ninh Hiệp",
    "Ninh Giang",
    "Ninh Đa",
    "Ninh Diêm",
    "Ninh Thủy",
    "Ninh Hải",
];
const VERBS: [&str; 20] = [
    "Triển khai",
    "Tổ chức",
    "Rà soát",
    "Cập nhật",
    "Hướng dẫn",
    "Theo dõi",
    "Kiểm tra",
    "Tuyên truyền",
    "Thực hiện",
    "Xây dựng",
    "Số hóa",
    "Chuẩn hóa",
    "Đôn đốc",
    "Tổng hợp",
    "Nâng cấp",
    "Đẩy mạnh",
    "Công khai",
    "Tiếp nhận",
    "Bảo đảm",
    "Duy trì",
];
const OBJECTS: [&str; 20] = [
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "dịch vụ công trực tuyến mức độ 3, 4",
    "hệ thống thông tin một cửa điện tử",
    "chữ ký số chuyên dùng",
    "văn bản điện tử trên phần mềm quản lý văn bản và điều hành",
    "cơ sở dữ liệu hộ tịch điện tử",
    "Trang thông tin điện tử của phường",
    "Bộ phận tiếp nhận và trả kết quả",
    "ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước",
    "công tác cải cách hành chính",
    "chuyển đổi số trong các lĩnh vực quản lý nhà nước",
    "an toàn, an ninh thông tin mạng",
    "hạ tầng kỹ thuật công nghệ thông tin",
    "thanh toán trực tuyến phí, lệ phí",
    "kỹ năng số cho người dân",
    "mã QR tại các địa điểm công cộng",
    "dữ liệu dân cư, căn cước công dân",
    "kho dữ liệu điện tử của tổ chức, cá nhân",
    "thủ tục hành chính thuộc thẩm quyền giải quyết của UBND phường",
    "niêm yết công khai thủ tục hành chính",
];
const QUALIFIERS: [&str; 10] = [
    "trên địa bàn phường",
    "theo quy định",
    "đúng thời gian quy định",
    "cho cán bộ, công chức",
    "đến toàn thể Nhân dân",
    "đạt tỷ lệ trên 90%",
    "theo chỉ đạo của UBND thị xã",
    "tại các tổ dân phố",
    "bảo đảm chất lượng, hiệu quả",
    "phù hợp với tình hình thực tế của địa phương",
];
const OFFICIALS: [&str; 14] = [
    "Công chức VP-TK",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
    "Công chức Văn hóa - Xã hội",
    "Công an phường",
    "Ban Chỉ huy Quân sự phường",
    "Bộ phận một cửa",
    "Đoàn Thanh niên phường",
    "Hội Liên hiệp Phụ nữ phường",
    "Ủy ban MTTQ Việt Nam phường",
    "Các tổ dân phố",
    "Các ban, ngành, đoàn thể",
    "Phòng VH&TT thị xã",
];
const OUTPUTS: [&str; 11] = [
    "Báo cáo kết quả thực hiện",
    "Hồ sơ được số hóa",
    "Văn bản hướng dẫn",
    "Danh sách tổng hợp",
    "Kế hoạch chi tiết",
    "Tài liệu tuyên truyền",
    "Biên bản kiểm tra",
    "Dữ liệu được cập nhật đầy đủ",
    "Quyết định kiện toàn",
    "Thủ tục hành chính được công khai",
    "Tỷ lệ hồ sơ trực tuyến đạt chỉ tiêu",
];
const GROUP_TITLES: [&str; 12] = [
    "CẢI CÁCH THỂ CHẾ",
    "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH",
    "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
    "HIỆN ĐẠI HÓA NỀN HÀNH CHÍNH",
    "CÔNG TÁC TUYÊN TRUYỀN",
    "CÔNG TÁC KIỂM TRA, GIÁM SÁT",
    "PHÁT TRIỂN HẠ TẦNG SỐ",
    "PHÁT TRIỂN DỮ LIỆU SỐ",
    "BẢO ĐẢM AN TOÀN THÔNG TIN",
    "PHÁT TRIỂN KINH TẾ SỐ",
    "PHÁT TRIỂN XÃ HỘI SỐ",
];
const TOPICS: [&str; 6] = [
    "triển khai thực hiện chuyển đổi số trên địa bàn phường năm {y}",
    "thực hiện công tác cải cách hành chính năm {y}",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm {y}",
    "ứng dụng công nghệ thông tin, xây dựng chính quyền số năm {y}",
    "kiểm soát thủ tục hành chính năm {y}",
    "tuyên truyền cải cách hành chính giai đoạn {y} - {y2}",
];
const RECIPIENTS: [&str; 8] = [
    "UBND thị xã (b/c);",
    "Phòng Nội vụ thị xã (b/c);",
    "Phòng VH&TT thị xã (b/c);",
    "TT. Đảng ủy, HĐND phường (b/c);",
    "CT, các PCT UBND phường;",
    "Các ban, ngành, đoàn thể phường;",
    "Công chức các bộ phận;",
    "Các tổ dân phố;",
];
const SURNAMES: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi",
];
const MIDDLES: [&str; 8] = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc"];
const GIVENS: [&str; 12] = [
    "Chính", "Hùng", "Lan", "Dũng", "Hòa", "Tâm", "Sơn", "Hương", "Bình", "Phúc", "Thảo", "Khánh",
];
const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/// splitmix64: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    /// `k` distinct items.
    fn sample<'a>(&mut self, items: &[&'a str], k: usize) -> Vec<&'a str> {
        let mut pool = items.to_vec();
        (0..k)
            .map(|_| {
                let i = self.range(0, pool.len() - 1);
                pool.swap_remove(i)
            })
            .collect()
    }
}

/// Generates plans one by one; numbers are unique per ward and year.
pub struct Generator {
    rng: Rng,
    index: usize,
    numbers: HashMap<(usize, i32), usize>,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            index: 0,
            numbers: HashMap::new(),
        }
    }
}

impl Iterator for Generator {
    type Item = PeerPlan;
    fn next(&mut self) -> Option<PeerPlan> {
        self.index += 1;
        let (index, rng) = (self.index, &mut self.rng);
        let w = rng.range(0, WARDS.len() - 1);
        let ward = WARDS[w];
        // A day in 2021–2023, as the peers' generator.
        let (year, month, day) = {
            let y = 2021 + rng.range(0, 2) as i32;
            let m = rng.range(1, 12) as u32;
            (y, m, rng.range(1, 28) as u32)
        };
        let counter = self.numbers.entry((w, year)).or_insert(0);
        *counter += rng.range(1, 3);
        let number = *counter;
        let (vd, vm) = (
            format!("{day:02}"),
            if month < 3 {
                format!("{month:02}")
            } else {
                month.to_string()
            },
        );
        let topic = rng
            .pick(&TOPICS)
            .replace("{y2}", &(year + 5).to_string())
            .replace("{y}", &(year + 1).to_string());
        let mut summary: String = topic.chars().next().unwrap().to_uppercase().collect();
        summary.push_str(&topic[topic.chars().next().unwrap().len_utf8()..]);
        let org_short = format!("UBND phường {ward}");
        let sentence = |rng: &mut Rng, clauses: usize| {
            let parts: Vec<String> = (0..clauses)
                .map(|i| {
                    let v = rng.pick(&VERBS);
                    let v = if i == 0 {
                        v.to_owned()
                    } else {
                        v.to_lowercase()
                    };
                    format!("{v} {} {}", rng.pick(&OBJECTS), rng.pick(&QUALIFIERS))
                })
                .collect();
            parts.join("; ") + "."
        };
        let item = |kind: &str, text: String| BodyItem {
            kind: kind.to_owned(),
            text,
        };
        let mut body = vec![
            item("paragraph", format!(
                "Căn cứ Kế hoạch số {}/KH-UBND ngày {vd}/{vm}/{year} của UBND thị xã Ninh Hòa; {org_short} xây dựng Kế hoạch {topic}, cụ thể như sau:",
                rng.range(1, 999)
            )),
            item("heading1", "I. MỤC ĐÍCH, YÊU CẦU".into()),
            item("heading2", "1. Mục đích".into()),
        ];
        for _ in 0..rng.range(2, 3) {
            let c = rng.range(1, 2);
            body.push(item("item", sentence(rng, c)));
        }
        body.push(item("heading2", "2. Yêu cầu".into()));
        for _ in 0..rng.range(2, 3) {
            let c = rng.range(1, 2);
            body.push(item("item", sentence(rng, c)));
        }
        body.push(item("heading1", "II. NỘI DUNG, NHIỆM VỤ".into()));
        let s = sentence(rng, 2);
        body.push(item(
            "paragraph",
            format!(
                "{} (Có Phụ lục nhiệm vụ chi tiết kèm theo).",
                &s[..s.len() - 1]
            ),
        ));
        body.push(item("heading1", "III. TỔ CHỨC THỰC HIỆN".into()));
        for (i, off) in rng.sample(&OFFICIALS[..11], 2).into_iter().enumerate() {
            body.push(item("heading2", format!("{}. {off}", i + 1)));
            body.push(item("item", sentence(rng, 2)));
        }
        body.push(item("paragraph", format!(
            "Trên đây là Kế hoạch {topic} của {org_short}. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các bộ phận kịp thời báo cáo UBND phường (qua Công chức VP-TK) để xem xét, chỉ đạo./."
        )));

        let n_groups = rng.range(5, 9);
        let n_tasks = rng.range(20.max(2 * n_groups), 60);
        let mut sizes = vec![2; n_groups];
        for _ in 0..n_tasks - 2 * n_groups {
            let g = rng.range(0, n_groups - 1);
            sizes[g] += 1;
        }
        let titles = rng.sample(&GROUP_TITLES, n_groups);
        let groups = titles
            .into_iter()
            .zip(sizes)
            .enumerate()
            .map(|(g, (title, size))| Group {
                roman: ROMAN[g].to_owned(),
                title: title.to_owned(),
                tasks: (0..size)
                    .map(|t| {
                        let pair = rng.sample(&OFFICIALS, 2);
                        let mut support = pair[1].to_owned();
                        if rng.chance(0.3) {
                            support = format!("{support}, {}", rng.pick(&OFFICIALS));
                        }
                        let clauses = if rng.chance(1.0 / 3.0) { 2 } else { 1 };
                        let deadline = match rng.range(0, 5) {
                            0 => format!("Trong năm {}", year + 1),
                            1 => "Thường xuyên".to_owned(),
                            2 => format!("Quý {}/{}", rng.pick(&ROMAN[..4]), year + 1),
                            3 => format!(
                                "Trước ngày {}/{}/{}",
                                rng.range(1, 28),
                                rng.range(1, 12),
                                year + 1
                            ),
                            4 => "Hằng tháng".to_owned(),
                            _ => format!("Tháng {}/{}", rng.range(1, 12), year + 1),
                        };
                        Task {
                            stt: (t + 1).to_string(),
                            content: sentence(rng, clauses),
                            lead: pair[0].to_owned(),
                            support,
                            output: rng.pick(&OUTPUTS).to_owned(),
                            deadline,
                        }
                    })
                    .collect(),
            })
            .collect();
        let signer = format!(
            "{} {} {}",
            rng.pick(&SURNAMES),
            rng.pick(&MIDDLES),
            rng.pick(&GIVENS)
        );
        let authority: Vec<String> = if rng.chance(0.6) {
            vec!["TM. ỦY BAN NHÂN DÂN".into(), "CHỦ TỊCH".into()]
        } else {
            vec![
                "TM. ỦY BAN NHÂN DÂN".into(),
                "KT. CHỦ TỊCH".into(),
                "PHÓ CHỦ TỊCH".into(),
            ]
        };
        let k = rng.range(5, 7);
        let mut recipients: Vec<String> = rng
            .sample(&RECIPIENTS, k)
            .into_iter()
            .map(str::to_owned)
            .collect();
        recipients.push("Lưu: VT.".into());
        Some(PeerPlan {
            id: format!("plan_{index:05}"),
            header: Header {
                parent_org: "UBND THỊ XÃ NINH HÒA".into(),
                org: format!("ỦY BAN NHÂN DÂN PHƯỜNG {}", ward.to_uppercase()),
                number: number.to_string(),
                symbol: "KH-UBND".into(),
                place: ward.into(),
                date: format!("{year}-{month:02}-{day:02}"),
                day: vd.clone(),
                month: vm.clone(),
                year: year.to_string(),
            },
            summary,
            body,
            recipients,
            signature: Signature {
                authority,
                name: signer,
            },
            appendix: Appendix {
                title: format!("NHIỆM VỤ {}", topic.to_uppercase()),
                note: format!(
                    "(Kèm theo Kế hoạch số {number}/KH-UBND ngày {vd}/{vm}/{year} của {org_short})"
                ),
                groups,
            },
        })
    }
}

/// Writes `n` plans as kehoach YAML into `dir/<ward>/plan_NNNNN.yaml` (one folder per
/// ward, as a province gathers them from its communes).
pub fn write_plans(dir: &std::path::Path, n: usize, seed: u64) -> std::io::Result<()> {
    for plan in Generator::new(seed).take(n) {
        let ward = plan.header.place.to_lowercase().replace(' ', "-");
        let folder = dir.join(ward);
        std::fs::create_dir_all(&folder)?;
        std::fs::write(
            folder.join(format!("{}.yaml", plan.id)),
            crate::peer_plan::to_yaml(&plan),
        )?;
    }
    Ok(())
}
