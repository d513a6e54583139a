//! `kehoach unit new "xã …, tỉnh …" -o units/x.yaml`: a unit file for a commune-level
//! unit (or a province) filled from the registry of units after 1 July 2025. What the
//! registry cannot know (signer, recipients, own units, mappings) is left as commented
//! blanks with what to write.
//!
//! Exit codes: 0 written; 1 the name matches no unit or several (the candidates are
//! listed); 2 the file exists without `--force`, or cannot be written.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use kehoach::derive::commune;
use kehoach::derive::Unit;
use kehoach::output::write_atomic;
use kehoach::registry::{registry, AdminUnit, Found, Level};

use super::{Outcome, Reporter};

#[derive(clap::Args, Debug)]
pub struct UnitArgs {
    #[command(subcommand)]
    pub command: UnitCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum UnitCommand {
    /// Tạo tệp đơn vị (units/*.yaml) từ danh mục đơn vị hành chính sau ngày 01/7/2025.
    New(NewArgs),
}

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// Tên đơn vị, ví dụ "xã Thượng Lâm, tỉnh Tuyên Quang" (không phân biệt dấu, hoa thường).
    #[arg(value_name = "TÊN")]
    pub name: String,
    /// Ghi vào tệp này (mặc định: in ra màn hình).
    #[arg(short, long, value_name = "TỆP")]
    pub output: Option<PathBuf>,
    /// Ghi đè tệp đã có (tệp có thể đang chứa phần đã điền).
    #[arg(long, requires = "output")]
    pub force: bool,
}

pub fn run(args: UnitArgs, reporter: &mut Reporter) -> Result<Outcome> {
    match args.command {
        UnitCommand::New(args) => run_new(args, reporter),
    }
}

fn run_new(args: NewArgs, reporter: &mut Reporter) -> Result<Outcome> {
    if let Some(out) = &args.output {
        if out.exists() && !args.force {
            bail!(
                "{} đã có và có thể chứa phần đã điền; chọn tên khác hoặc thêm --force",
                out.display()
            );
        }
    }
    let unit = match registry().find(&args.name) {
        Found::One(u) => u,
        Found::Several(units) => {
            reporter.error(&format!(
                "“{}” ứng với {} đơn vị; ghi thêm tỉnh, ví dụ “{}”:",
                args.name,
                units.len(),
                units[0].describe()
            ));
            for u in &units {
                eprintln!("  {}", u.describe());
            }
            return Ok(Outcome::PlanErrors);
        }
        Found::None { nearest, old } => {
            reporter.error(&format!(
                "không có đơn vị “{}” trong danh mục sau ngày 01/7/2025",
                args.name
            ));
            for (o, new) in &old {
                let new: Vec<String> = new.iter().map(AdminUnit::describe).collect();
                eprintln!(
                    "  {} ({}, {}) trước 01/7/2025 nay thuộc: {}",
                    o.ten,
                    o.huyen,
                    o.tinh,
                    new.join("; ")
                );
            }
            if !nearest.is_empty() {
                eprintln!("  Tên gần nhất:");
                for u in &nearest {
                    eprintln!("  {}", u.describe());
                }
            }
            return Ok(Outcome::PlanErrors);
        }
    };
    let yaml = unit_file(&unit);
    // What we write must load as a unit file: a registry name with a character YAML
    // reads specially would otherwise give a file derive refuses.
    if let Err(report) = Unit::load_str(std::path::Path::new("unit.yaml"), &yaml) {
        bail!(
            "tệp đơn vị tạo ra không đọc lại được: {:?}",
            report.diagnostics
        );
    }
    match &args.output {
        Some(path) => {
            write_atomic(path, yaml.as_bytes())
                .with_context(|| format!("không ghi được {}", path.display()))?;
            reporter.info(&format!("đã ghi {}", path.display()));
            reporter.summary(&format!(
                "{}: điền người ký, nơi nhận, đơn vị của mình trong {}",
                unit.describe(),
                path.display()
            ));
        }
        None => print!("{yaml}"),
    }
    Ok(Outcome::Success)
}

/// The unit file's text for a registry unit.
pub fn unit_file(unit: &AdminUnit) -> String {
    let reg = registry();
    let province = reg.province_of(unit);
    let cap = match unit.cap {
        Level::Xa => "xa",
        Level::Phuong => "phuong",
        Level::DacKhu => "dac-khu",
        Level::Tinh => "tinh",
        Level::ThanhPho => "thanh-pho",
    };
    let header = unit.header_lines();
    // Địa danh: the unit's name; a name that starts with a number keeps its type word
    // ("Phường 1 Bảo Lộc"), as Decree 30 writes places named by number.
    let dia_danh = if unit.ten.starts_with(|c: char| c.is_ascii_digit()) {
        let mut full = unit.full_name();
        full.replace_range(..1, &full[..1].to_uppercase());
        full
    } else {
        unit.ten.to_owned()
    };
    let mut out = String::new();
    out.push_str(&format!(
        "# Đơn vị: {} (mã {}, danh mục đơn vị hành chính từ 01/7/2025).\n",
        unit.describe(),
        unit.ma
    ));
    out.push_str("# Tạo bằng `kehoach unit new`; điền các phần có dấu # rồi dùng:\n");
    out.push_str("#   kehoach derive KE-HOACH-CAP-TREN.yaml --unit THIS.yaml -o DU-THAO.yaml\n\n");
    out.push_str(&format!("cap: {cap}\n"));
    if let Some(p) = province {
        out.push_str(&format!("tinh: {}\n", yaml_str(&p.full_name())));
    }
    out.push_str(&format!(
        "ten: [{}]\n",
        header
            .iter()
            .map(|l| yaml_str(l))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push_str(&format!("ten_goi: {}\n", yaml_str(&unit.sentence_name())));
    out.push_str("viet_tat: UBND\n");
    out.push_str(&format!("dia_danh: {}\n\n", yaml_str(&dia_danh)));
    out.push_str(
        "# Người ký thường lệ: điền họ tên; cấp phó ký thay thì thêm `hinh_thuc: kt`,\n\
         # `thu_truong: CHỦ TỊCH` và sửa `chuc_vu: PHÓ CHỦ TỊCH`.\n\
         ky:\n  thay_mat: ỦY BAN NHÂN DÂN\n  chuc_vu: CHỦ TỊCH\n  ho_ten: \"\"\n\n",
    );
    let word = unit.cap.word();
    out.push_str(&format!(
        "# Nơi nhận thường lệ; cơ quan cấp trên \"(để báo cáo)\" được thêm tự động. Ví dụ:\n\
         noi_nhan: []\n\
         #  - Thường trực Đảng ủy {word}\n\
         #  - Thường trực HĐND {word}\n\
         #  - Chủ tịch, các Phó Chủ tịch UBND {word}\n\
         #  - Các phòng, đơn vị thuộc UBND {word}\n\
         luu:\n  noi_luu: [VT]\n\n"
    ));
    if !unit.cap.is_province() {
        let level = match unit.cap {
            Level::Phuong => kehoach::derive::Level::Phuong,
            Level::DacKhu => kehoach::derive::Level::DacKhu,
            _ => kehoach::derive::Level::Xa,
        };
        out.push_str(
            "# Đơn vị của mình (tên ghi trong bảng phụ lục). Bỏ trống: các phòng chuyên môn\n\
             # theo Nghị định 150/2025/NĐ-CP và Trung tâm Phục vụ hành chính công:\n\
             # don_vi:\n",
        );
        for own in commune::default_units(level) {
            out.push_str(&format!("#   - ten: {}\n", own.ten));
        }
        out.push_str(
            "# dau_moi: Văn phòng HĐND và UBND\n\n\
             # Đơn vị của tỉnh → đơn vị của mình, khi cách mặc định (sở theo lĩnh vực) không hợp. Ví dụ:\n\
             # anh_xa:\n\
             #   Công an tỉnh: []\n",
        );
        out.push_str(&format!("#   Sở Nội vụ: {}\n", commune::SOCIAL));
    }
    out
}

/// A YAML scalar: plain when safe, double-quoted otherwise.
fn yaml_str(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.contains([
            ':', '#', ',', '[', ']', '{', '}', '"', '\'', '&', '*', '!', '|', '>', '%', '@', '`',
        ])
        && !s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '?' || c == ' ')
        && !s.ends_with(' ');
    if plain {
        s.to_owned()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
