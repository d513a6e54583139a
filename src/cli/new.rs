//! `kehoach new FILE.yaml [--unit UNIT] [--loai LOAI]`: a commented skeleton to start a
//! plan from — every part once, with what each key means in Vietnamese — that checks
//! clean as a draft and renders. The skeleton is checked before it is written, so a
//! unit file or a type that would make it fail is reported instead.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::Datelike;

use kehoach::derive::Unit;
use kehoach::diag::FileReport;
use kehoach::msg;
use kehoach::output::write_atomic;

use super::{Outcome, Reporter};

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// The plan file to create.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The issuing unit (units/*.yaml): fills in the agency, place, signer, recipients.
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<PathBuf>,
    /// The document type (ke-hoach, quyet-dinh, bao-cao, thong-bao, chuong-trinh …).
    #[arg(long, default_value = "ke-hoach", value_name = "LOAI")]
    pub loai: String,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: NewArgs, reporter: &mut Reporter) -> Result<Outcome> {
    if args.file.exists() && !args.force {
        bail!(msg!("new.exists", path = args.file.display()));
    }
    let unit = match &args.unit {
        Some(path) => match Unit::load_file(path) {
            Ok(u) => Some(u),
            Err(report) => {
                reporter.file(&report, super::report::DiagnosticFormat::Human);
                return Ok(Outcome::PlanErrors);
            }
        },
        None => None,
    };
    let today = chrono::Local::now().date_naive();
    let text = skeleton(&args.loai, unit.as_ref(), today.year(), today.month());
    // What is written must check clean: a type or unit that breaks it is reported here.
    let report = check_text(&args.file, &text);
    if report.errors() > 0 {
        reporter.file(&report, super::report::DiagnosticFormat::Human);
        bail!(msg!("new.would_fail", loai = args.loai));
    }
    write_atomic(&args.file, text.as_bytes())
        .with_context(|| msg!("io.cannot_write", path = args.file.display()))?;
    reporter.info(&msg!("io.wrote", path = args.file.display()));
    reporter.summary(&msg!("new.next", path = args.file.display()));
    Ok(Outcome::Success)
}

fn check_text(path: &Path, text: &str) -> FileReport {
    match kehoach::load::load_str(path, text) {
        Ok(loaded) => {
            let mut diagnostics = loaded.warnings;
            diagnostics.extend(kehoach::check::check(&loaded.plan, &loaded.source));
            FileReport {
                source: loaded.source,
                diagnostics,
            }
        }
        Err(f) => f.into(),
    }
}

/// A YAML string: JSON's double-quoted form is valid YAML and quotes anything a plain
/// scalar could misread (colons, `#`, a leading `-`).
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The skeleton: a draft (no number, the month of today) of type `loai`, with the
/// unit's names, place, signer and recipients when a unit is given.
pub fn skeleton(loai: &str, unit: Option<&Unit>, year: i32, month: u32) -> String {
    let texts =
        |v: &[kehoach::plan::Text]| -> Vec<String> { v.iter().map(|t| t.value.clone()).collect() };
    let chu_quan = unit.map(|u| texts(&u.chu_quan)).unwrap_or_default();
    let ten = unit
        .map(|u| texts(&u.ten))
        .unwrap_or_else(|| vec!["ỦY BAN NHÂN DÂN".into(), "XÃ DIÊN KHÁNH".into()]);
    let ten_goi = unit
        .map(|u| u.ten_goi.value.clone())
        .unwrap_or_else(|| "UBND xã Diên Khánh".into());
    let viet_tat = unit
        .map(|u| u.viet_tat.value.clone())
        .unwrap_or_else(|| "UBND".into());
    let dia_danh = unit
        .map(|u| u.dia_danh.value.clone())
        .unwrap_or_else(|| "Diên Khánh".into());
    let area = unit
        .map(|u| u.area())
        .unwrap_or_else(|| "xã Diên Khánh".into());
    let noi_nhan = unit
        .map(|u| texts(&u.noi_nhan))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| {
            vec![
                "UBND tỉnh Khánh Hòa (để báo cáo)".into(),
                "Các ngành, đoàn thể xã".into(),
            ]
        });
    let don_vi: Vec<String> = unit
        .map(|u| u.don_vi.iter().map(|d| d.ten.clone()).collect::<Vec<_>>())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| {
            vec![
                "Công chức Văn phòng - Thống kê".into(),
                "Công chức Văn hóa - Xã hội".into(),
            ]
        });
    let lead = don_vi[0].clone();
    let other = don_vi.get(1).cloned().unwrap_or_else(|| lead.clone());
    let ky = match unit {
        Some(u) => {
            let mut s = String::new();
            let sig = &u.ky;
            if let Some(t) = &sig.thay_mat {
                let _ = writeln!(s, "  thay_mat: {}          # TM. tập thể (ủy ban nhân dân …)", q(t));
            }
            if let Some(h) = &sig.hinh_thuc {
                let h = serde_json::to_value(h).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                let _ = writeln!(s, "  hinh_thuc: {}          # kt (ký thay), q (quyền), tl (thừa lệnh), tuq (thừa ủy quyền)", q(&h));
            }
            if let Some(t) = &sig.thu_truong {
                let _ = writeln!(s, "  thu_truong: {}", q(t));
            }
            if let Some(t) = &sig.chuc_vu {
                let _ = writeln!(s, "  chuc_vu: {}           # chức vụ người ký", q(t));
            }
            let _ = writeln!(s, "  ho_ten: {}            # họ và tên người ký", q(&sig.ho_ten));
            s
        }
        None => "  thay_mat: \"ỦY BAN NHÂN DÂN\"   # TM. tập thể; bỏ nếu người đứng đầu ký\n  \
                 # hinh_thuc: kt                 # kt (ký thay), q (quyền), tl (thừa lệnh), tuq (thừa ủy quyền)\n  \
                 chuc_vu: \"CHỦ TỊCH\"            # chức vụ người ký\n  \
                 ho_ten: \"Nguyễn Văn A\"          # họ và tên người ký\n"
            .to_owned(),
    };
    let noi_luu = unit
        .map(|u| texts(&u.luu.noi_luu))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| vec!["VT".into()]);
    let chu_quan_line = if chu_quan.is_empty() {
        "  # chu_quan: [UBND TỈNH …]             # cơ quan chủ quản (nếu có), mỗi dòng in một phần tử".to_owned()
    } else {
        format!(
            "  chu_quan: {}   # cơ quan chủ quản, mỗi dòng in một phần tử; bỏ nếu không có",
            list(&chu_quan)
        )
    };
    // The year the plan is for: this one early in the year, the next one later (a plan
    // for next year is drafted at the end of this one); deadlines fall after the draft.
    let draft_year = year;
    let parent_year = draft_year - 1;
    let (year, first_deadline) = if month <= 3 {
        (year, format!("Trước ngày 30/6/{year}"))
    } else {
        (year + 1, format!("Trước ngày 31/3/{}", year + 1))
    };
    format!(
        r#"# Kế hoạch mới, tạo bằng `kehoach new`. Sửa các dòng dưới đây, rồi:
#   kehoach check {{tệp}}     kiểm tra (báo dòng, cột và cách sửa)
#   kehoach render {{tệp}}    in ra DOCX và HTML (thêm --format docx,html,pdf để có PDF)
# Dòng bắt đầu bằng # là ghi chú, không được in. Thụt lề bằng dấu cách (2 dấu cách mỗi cấp),
# không dùng Tab. Câu có dấu hai chấm thì đặt trong dấu nháy đơn: 'Các phòng: Nội vụ, Tư pháp'.
# Không gõ số thứ tự: mục I, II …, khoản 1, 2 …, điểm a), b) … và nhiệm vụ được tự đánh số.

# Tên loại văn bản: ke-hoach, quyet-dinh, bao-cao, thong-bao, chuong-trinh …
loai: {loai}

# Cơ quan ban hành (góc trái phần đầu văn bản).
co_quan:
{chu_quan_line}
  ten: {ten}   # tên cơ quan ban hành, mỗi dòng in một phần tử
  ten_goi: {ten_goi}   # tên dùng trong câu
  viet_tat: {viet_tat}   # chữ viết tắt trong ký hiệu (KH-UBND)

# Số văn bản: để trống khi còn là dự thảo; văn thư điền khi cấp số.
# so: 15
# Ngày ban hành, viết như 15/3/{year} hoặc ngày 15 tháng 3 năm {year}; dự thảo chỉ cần tháng và năm.
ngay: {month}/{draft_year}
dia_danh: {dia_danh}   # địa danh ở dòng ngày
# Trích yếu: một câu ngắn nói kế hoạch về việc gì (in thường, không ghi "V/v").
trich_yeu: {trich_yeu}

# Thời gian thực hiện (năm): thời hạn nhiệm vụ nằm ngoài khoảng này sẽ được báo.
thoi_gian:
  tu: "{year}"
  den: "{year}"

# Văn bản được thực hiện hoặc làm căn cứ. Trong câu, viết [@id] để trích dẫn đủ
# (tên loại, số, ngày, cơ quan). quan_he: thuc-hien → câu mở đầu "Thực hiện …";
# can-cu → dòng nghiêng "Căn cứ …;". Xóa mục này nếu không có.
van_ban:
  - id: kh-cap-tren
    loai: ke-hoach
    so: "25"
    ky_hieu: KH-UBND
    ngay: 15/11/{parent_year}
    co_quan: UBND tỉnh Khánh Hòa
    trich_yeu: về thực hiện nhiệm vụ năm {year}
    quan_he: thuc-hien

# Nội dung. Mỗi phần là một trong: muc (I.), khoan (1.), diem (a)), gach ("- "),
# cong ("+ "); một dòng chữ không có khóa là một đoạn văn. noi_dung lồng vào để chia nhỏ.
noi_dung:
  - muc: MỤC ĐÍCH, YÊU CẦU
    noi_dung:
      - khoan: Mục đích
        noi_dung:
          - Triển khai thực hiện có hiệu quả các nhiệm vụ tại [@kh-cap-tren] trên địa bàn {area}.
      - khoan: Yêu cầu
        noi_dung:
          - gach: Các nhiệm vụ được giao cụ thể, rõ người chủ trì và thời hạn hoàn thành.
          - gach: Thường xuyên theo dõi, đôn đốc việc thực hiện.
  - muc: NỘI DUNG KẾ HOẠCH
    noi_dung:
      - (Các nhiệm vụ cụ thể tại Phụ lục kèm theo)
  - muc: TỔ CHỨC THỰC HIỆN
    noi_dung:
      - diem: {lead_para}
      - diem: Các đơn vị được giao nhiệm vụ triển khai thực hiện và báo cáo kết quả đúng thời hạn.

# Người ký.
ky:
{ky}
# Nơi nhận, mỗi dòng một nơi, không cần "- " đầu dòng và ";" cuối dòng (tự thêm).
noi_nhan: {noi_nhan}
# Dòng "Lưu:": VT (văn thư) và đơn vị soạn thảo.
luu:
  noi_luu: {noi_luu}

# Đơn vị của kế hoạch: người chủ trì trong phụ lục phải có trong danh sách này.
don_vi: {don_vi}

# Phụ lục: bảng nhiệm vụ. Mỗi nhóm (I, II …) có các nhiệm vụ (1, 2 …).
phu_luc:
  - ten: NHIỆM VỤ TRIỂN KHAI THỰC HIỆN KẾ HOẠCH NĂM {year}
    nhom:
      - ten: Xây dựng và ban hành văn bản
        nhiem_vu:
          - noi_dung: Ban hành văn bản hướng dẫn triển khai
            chu_tri: {lead}
            phoi_hop: {other}
            san_pham: Văn bản hướng dẫn
            thoi_han: {first_deadline}   # viết như 31/3/{year}, Tháng 6/{year}, Quý II/{year}, Trong năm {year}
      - ten: Tổ chức thực hiện
        nhiem_vu:
          - noi_dung: Theo dõi, tổng hợp và báo cáo kết quả thực hiện
            chu_tri: {lead}
            phoi_hop: {other}
            san_pham: Báo cáo
            thoi_han: Tháng 12/{year}
"#,
        loai = q(loai),
        ten = list(&ten),
        ten_goi = q(&ten_goi),
        viet_tat = q(&viet_tat),
        dia_danh = q(&dia_danh),
        trich_yeu = q(&format!(
            "Thực hiện nhiệm vụ năm {year} trên địa bàn {area}"
        )),
        lead_para = q(&format!(
            "{lead} tham mưu, theo dõi, đôn đốc và tổng hợp báo cáo kết quả thực hiện Kế hoạch."
        )),
        ky = ky.trim_end(),
        noi_nhan = list(&noi_nhan),
        noi_luu = list(&noi_luu),
        don_vi = list(&don_vi),
        lead = q(&lead),
        other = q(&other),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever month it is drafted in, with or without a unit, the skeleton loads and
    /// checks clean (no error, no warning).
    #[test]
    fn the_skeleton_checks_clean_in_every_month_and_for_every_unit() {
        let units_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("units");
        let mut units: Vec<Option<Unit>> = vec![None];
        for entry in std::fs::read_dir(units_dir).unwrap() {
            units.push(Some(Unit::load_file(&entry.unwrap().path()).unwrap()));
        }
        assert!(units.len() > 1);
        for unit in &units {
            // A unit of the 2021 examples (no province: made before the 2025 reform) drafts
            // in 2021; from July 2025 its ward no longer exists and `check` says so.
            let year = match unit {
                Some(u) if u.tinh.is_none() => 2021,
                _ => 2026,
            };
            for month in 1..=12 {
                let text = skeleton("ke-hoach", unit.as_ref(), year, month);
                let report = check_text(Path::new("moi.yaml"), &text);
                assert!(
                    report.diagnostics.is_empty(),
                    "month {month}: {:?}\n{text}",
                    report.diagnostics
                );
            }
        }
    }

    #[test]
    fn the_skeleton_explains_each_part_in_vietnamese() {
        let text = skeleton("ke-hoach", None, 2026, 5);
        for words in [
            "# Tên loại văn bản",
            "# Số văn bản: để trống khi còn là dự thảo",
            "# Ngày ban hành, viết như 15/3/2027",
            "# Văn bản được thực hiện hoặc làm căn cứ",
            "# Nội dung. Mỗi phần là một trong",
            "# Người ký.",
            "# Nơi nhận",
            "# Phụ lục: bảng nhiệm vụ",
        ] {
            assert!(text.contains(words), "{words}");
        }
    }
}
