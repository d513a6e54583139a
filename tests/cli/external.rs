//! Real clients: LibreOffice opens the DOCX and prints it; Chromium prints the HTML.
//! Ignored by default (they need those programs); `--include-ignored` runs them.

use std::path::Path;
use std::process::Command;

use kehoach::load::load_file;

use super::tools;
use super::util::{plan, render_reference};

/// Collapses whitespace so lines broken by the layout still match.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_pages(pdf: &Path) -> Vec<String> {
    tools::pdf_text(pdf)
        .split('\u{c}')
        .map(str::to_owned)
        .collect()
}

fn page_size(pdf: &Path, page: usize) -> (f64, f64) {
    tools::require("pdfinfo");
    let out = Command::new("pdfinfo")
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text
        .lines()
        .find(|l| l.contains("size:"))
        .expect("page size");
    let nums: Vec<f64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (nums[nums.len() - 2], nums[nums.len() - 1])
}

/// Every task of the reference plan, and every group title, in order.
fn assert_tasks_in_order(text: &str) {
    let text = squash(text);
    let plan = load_file(&plan("ninh-ha-114-2021.yaml")).unwrap().plan;
    let mut from = 0;
    for group in &plan.phu_luc[0].nhom {
        let mut probes = vec![group.ten.value.clone()];
        probes.extend(group.nhiem_vu.iter().map(|t| t.noi_dung.value.clone()));
        for probe in probes {
            let probe: String = squash(&probe).chars().take(40).collect();
            let at = text[from..]
                .find(&probe)
                .unwrap_or_else(|| panic!("«{probe}» missing or out of order"));
            from += at + probe.len();
        }
    }
}

/// The first page whose heading line is "Phụ lục".
fn appendix_page(pages: &[String]) -> usize {
    pages
        .iter()
        .position(|p| p.lines().any(|l| l.trim() == "Phụ lục"))
        .expect("an appendix page")
}

/// The first non-empty line of a page.
fn first_line(page: &str) -> String {
    page.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_owned()
}

#[test]
#[ignore = "needs soffice and pdftotext"]
fn libreoffice_opens_the_docx_with_page_numbers_and_all_tasks() {
    let (dir, docx, _) = render_reference();
    let pdf = tools::soffice_convert("pdf", dir.path(), &[docx]).remove(0);
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 3, "plan and appendix pages: {}", pages.len());
    assert!(
        !first_line(&pages[0]).chars().all(|c| c.is_ascii_digit()),
        "no number on page 1"
    );
    assert_eq!(first_line(&pages[1]), "2", "page 2 shows 2");
    let appendix = appendix_page(&pages);
    assert!(
        !first_line(&pages[appendix])
            .chars()
            .all(|c| c.is_ascii_digit()),
        "first appendix page unnumbered"
    );
    assert_eq!(
        first_line(&pages[appendix + 1]),
        "2",
        "appendix numbering restarts"
    );
    let (w, h) = page_size(&pdf, 1);
    assert!(
        (w - 595.3).abs() < 2.0 && (h - 841.9).abs() < 2.0,
        "A4 portrait {w}×{h}"
    );
    let (w, h) = page_size(&pdf, appendix + 1);
    assert!(w > h, "landscape appendix {w}×{h}");
    assert_tasks_in_order(&pages[appendix..].join("\n"));
}

#[test]
#[ignore = "needs chromium and pdftotext"]
fn chromium_prints_the_html_on_a4_with_a_landscape_appendix() {
    tools::require("chromium");
    let (dir, _, html) = render_reference();
    let pdf = dir.path().join("html.pdf");
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("chrome").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let (w, h) = page_size(&pdf, 1);
    assert!(
        (w - 595.3).abs() < 2.0 && (h - 841.9).abs() < 2.0,
        "A4 portrait {w}×{h}"
    );
    let appendix = appendix_page(&pages);
    let (w, h) = page_size(&pdf, appendix + 1);
    assert!(w > h, "landscape appendix {w}×{h}");
    assert_eq!(first_line(&pages[1]), "2", "page 2 shows 2");
    let all = pages.join("\n");
    assert!(squash(&all).contains("Trần Văn Chính"));
    assert_tasks_in_order(&pages[appendix..].join("\n"));
}
