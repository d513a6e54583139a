//! The archive's manifest: one record per exported document with the outgoing-document
//! fields of Decree 30 Phụ lục VI (docs/nd30-layout.md §8.1), its source and every output file
//! with size and SHA-256, written as `manifest.json` and `manifest.csv`.
//!
//! Field names inside `metadata` are Phụ lục VI's own (`TypeName`, `CodeNumber` …) so a
//! records system can map them without a table. The files hold no timestamps and are
//! written in the register's order, so the same plans always give the same bytes.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Identifies the layout of `manifest.json`; a reader refuses other values.
pub const FORMAT: &str = "kehoach-archive/1";
/// Every version of the format starts with this: a folder whose manifest carries it is a
/// kehoach archive (replaceable by `export`), whatever its version.
pub(crate) const FORMAT_FAMILY: &str = "kehoach-archive/";
pub const JSON_NAME: &str = "manifest.json";
pub(crate) const CSV_NAME: &str = "manifest.csv";

/// The whole manifest as read back (for incremental runs and tests).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub kehoach_version: String,
    /// The formats every document was rendered to (`docx`, `html`, `pdf`).
    pub formats: Vec<String>,
    pub documents: Vec<Record>,
    /// The outgoing-document registers (sổ đăng ký văn bản đi), one per issuer and year.
    pub registers: Vec<OutputFile>,
}

/// One exported document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    pub metadata: Metadata,
    /// The issuer's short name (`co_quan.ten_goi`): numbers are unique per issuer and year.
    pub issuer: String,
    pub year: i32,
    /// Đơn vị, người nhận bản lưu (the "Lưu:" line without "Lưu:"), for the register.
    pub archive_copies: String,
    pub source: SourceFile,
    /// SHA-256 over the template set the document was composed with.
    pub templates_sha256: String,
    pub files: Vec<OutputFile>,
}

/// Phụ lục VI, Phần II, Mục I: the input fields of an outgoing document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Metadata {
    /// Tên loại văn bản: "Kế hoạch".
    pub type_name: String,
    /// Số của văn bản, as printed: "114", "07".
    pub code_number: String,
    /// Ký hiệu: "KH-UBND".
    pub code_notation: String,
    /// Ngày, tháng, năm: ISO `2021-07-07`.
    pub issued_date: String,
    /// Tên cơ quan ban hành, as printed in the header ("ỦY BAN NHÂN DÂN PHƯỜNG NINH HÀ").
    pub organ_name: String,
    /// Trích yếu nội dung.
    pub subject: String,
    /// Ngôn ngữ (BCP 47).
    pub language: String,
    /// Số trang: from the PDF with `--pdf`; empty otherwise (a DOCX has no page count
    /// until a word processor lays it out).
    pub page_amount: Option<u32>,
    /// Ghi chú.
    pub description: String,
    pub signer_info: SignerInfo,
    /// Nơi nhận, one entry per line of "Nơi nhận" (names only; no OrganId in a plan).
    pub to: Vec<String>,
    /// Số lượng bản phát hành (ô 12), when the plan gives it.
    pub issued_amount: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct SignerInfo {
    /// Chức vụ người ký: "CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" shortened to the signer's own.
    pub position: String,
    pub full_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceFile {
    /// The plan file as found (relative to where the command ran, `/`-separated).
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OutputFile {
    /// Path inside the archive, `/`-separated: `2021/114-KH-UBND-phuong-ninh-ha.docx`.
    pub path: String,
    pub format: String,
    pub bytes: u64,
    pub sha256: String,
}

impl OutputFile {
    pub(crate) fn of_bytes(path: String, format: &str, bytes: &[u8]) -> OutputFile {
        OutputFile {
            path,
            format: format.to_owned(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        }
    }
}

impl Record {
    pub fn file(&self, format: &str) -> Option<&OutputFile> {
        self.files.iter().find(|f| f.format == format)
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(b"0123456789abcdef"[(b >> 4) as usize]));
        out.push(char::from(b"0123456789abcdef"[(b & 15) as usize]));
    }
    out
}

/// Streams `manifest.json`: the header, then one document per line (diff-friendly, and a
/// 10 000-plan manifest never has to be one value in memory).
pub(crate) struct JsonWriter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonWriter<W> {
    pub fn start(mut out: W, formats: &[&str]) -> io::Result<JsonWriter<W>> {
        write!(
            out,
            "{{\n\"format\": {},\n\"kehoach_version\": {},\n\"formats\": {},\n\"documents\": [",
            json(FORMAT)?,
            json(env!("CARGO_PKG_VERSION"))?,
            json(formats)?
        )?;
        Ok(JsonWriter { out, first: true })
    }

    pub fn document(&mut self, record: &Record) -> io::Result<()> {
        let sep = if self.first { "\n" } else { ",\n" };
        self.first = false;
        write!(self.out, "{sep}{}", json(record)?)
    }

    pub fn finish(mut self, registers: &[OutputFile]) -> io::Result<W> {
        write!(self.out, "\n],\n\"registers\": [")?;
        for (i, r) in registers.iter().enumerate() {
            let sep = if i == 0 { "\n" } else { ",\n" };
            write!(self.out, "{sep}{}", json(r)?)?;
        }
        write!(self.out, "\n]\n}}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    serde_json::to_string(value).map_err(io::Error::other)
}

/// The CSV columns: Phụ lục VI fields, then source and outputs (one column group per format).
pub(crate) fn csv_header(formats: &[&str]) -> Vec<String> {
    let mut h: Vec<String> = [
        "TypeName",
        "CodeNumber",
        "CodeNotation",
        "IssuedDate",
        "OrganName",
        "Subject",
        "Language",
        "PageAmount",
        "Description",
        "Position",
        "FullName",
        "To",
        "IssuedAmount",
        "Issuer",
        "SourcePath",
        "SourceSha256",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for f in formats {
        for col in ["Path", "Bytes", "Sha256"] {
            h.push(format!("{}{col}", capitalise(f)));
        }
    }
    h
}

/// One CSV row, in [`csv_header`]'s order. Recipients are joined with "; ".
pub(crate) fn csv_row(record: &Record, formats: &[&str]) -> Vec<String> {
    let m = &record.metadata;
    let opt = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut row = vec![
        m.type_name.clone(),
        m.code_number.clone(),
        m.code_notation.clone(),
        m.issued_date.clone(),
        m.organ_name.clone(),
        m.subject.clone(),
        m.language.clone(),
        opt(m.page_amount),
        m.description.clone(),
        m.signer_info.position.clone(),
        m.signer_info.full_name.clone(),
        m.to.join("; "),
        opt(m.issued_amount),
        record.issuer.clone(),
        record.source.path.clone(),
        record.source.sha256.clone(),
    ];
    for f in formats {
        match record.file(f) {
            Some(o) => row.extend([o.path.clone(), o.bytes.to_string(), o.sha256.clone()]),
            None => row.extend([String::new(), String::new(), String::new()]),
        }
    }
    // Plan text must not become a live formula in the spreadsheet the office opens.
    for cell in &mut row {
        if let std::borrow::Cow::Owned(safe) = crate::appendix_csv::neutralise_cell(cell) {
            *cell = safe;
        }
    }
    row
}

/// Opens the CSV writer. A UTF-8 byte-order mark goes first: Excel, which records
/// offices open CSV files with, otherwise reads Vietnamese as Windows-1258 mojibake.
pub(crate) fn csv_writer<W: Write>(mut out: W, formats: &[&str]) -> io::Result<csv::Writer<W>> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(csv_header(formats))?;
    Ok(w)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            metadata: Metadata {
                type_name: "Kế hoạch".into(),
                code_number: "114".into(),
                code_notation: "KH-UBND".into(),
                issued_date: "2021-07-07".into(),
                organ_name: "ỦY BAN NHÂN DÂN PHƯỜNG NINH HÀ".into(),
                subject: "Triển khai \"Đề án\", một cửa".into(),
                language: "vi-VN".into(),
                page_amount: None,
                description: String::new(),
                signer_info: SignerInfo {
                    position: "CHỦ TỊCH".into(),
                    full_name: "Trần Văn Chính".into(),
                },
                to: vec!["UBND thị xã".into(), "Lưu: VT".into()],
                issued_amount: Some(3),
            },
            issuer: "UBND phường Ninh Hà".into(),
            year: 2021,
            archive_copies: "VT, HT".into(),
            source: SourceFile {
                path: "plans/a.yaml".into(),
                bytes: 3,
                sha256: sha256_hex(b"abc"),
            },
            templates_sha256: "t".into(),
            files: vec![OutputFile::of_bytes("2021/a.docx".into(), "docx", b"x")],
        }
    }

    #[test]
    fn sha256_is_lower_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn streamed_json_reads_back() {
        let mut w = JsonWriter::start(Vec::new(), &["docx", "html"]).unwrap();
        w.document(&record()).unwrap();
        w.document(&record()).unwrap();
        let reg = OutputFile::of_bytes("2021/so-dang-ky-a.html".into(), "html", b"r");
        let bytes = w.finish(std::slice::from_ref(&reg)).unwrap();
        let m: Manifest = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(m.documents, vec![record(), record()]);
        assert_eq!(m.registers, vec![reg]);
        assert_eq!(m.formats, ["docx", "html"]);
    }

    /// Defect 10: `=cmd|…`, `=HYPERLINK(…)`, `@SUM(…)` from a plan never reach the CSV live.
    #[test]
    fn formula_like_text_is_neutralised_in_manifest_csv() {
        let mut r = record();
        r.metadata.subject = "=HYPERLINK(\"http://evil\",\"x\")".into();
        r.metadata.signer_info.full_name = "@SUM(1+1)".into();
        r.issuer = "=cmd|' /C calc'!A0".into();
        r.metadata.to = vec!["-2+3".into()];
        let mut w = csv_writer(Vec::new(), &["docx"]).unwrap();
        w.write_record(csv_row(&r, &["docx"])).unwrap();
        let bytes = w.into_inner().unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let row = reader.records().next().unwrap().unwrap();
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
        assert_eq!(&row[5], "'=HYPERLINK(\"http://evil\",\"x\")");
    }

    #[test]
    fn csv_quotes_and_joins() {
        let mut w = csv_writer(Vec::new(), &["docx", "html"]).unwrap();
        w.write_record(csv_row(&record(), &["docx", "html"]))
            .unwrap();
        let bytes = w.into_inner().unwrap();
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let headers = r.headers().unwrap().clone();
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(headers.len(), row.len());
        assert_eq!(&row[5], "Triển khai \"Đề án\", một cửa");
        assert_eq!(&row[11], "UBND thị xã; Lưu: VT");
        assert_eq!(&row[16], "2021/a.docx");
        assert_eq!(&row[19], "");
    }
}
