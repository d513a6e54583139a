//! Documents built by hand the way `compose` builds them.

use crate::document::*;

pub(crate) const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
pub(crate) const AGENCY: &str = "ỦY BAN NHÂN DÂN PHƯỜNG NINH HÀ";
pub(crate) const SUMMARY: &str = "Triển khai Đề án đổi mới việc thực hiện cơ chế một cửa";
/// Columns of the sample's task grid.
pub(crate) const GRID: [f32; 4] = [1.0, 6.0, 3.0, 2.0];

pub fn change(kind: ChangeKind) -> Change {
    Change {
        kind,
        author: "Tổ soạn thảo & <Văn phòng>".into(),
        date: "2021-07-07T00:00:00Z".into(),
    }
}

fn cell(role: Role, text: &str) -> Cell {
    Cell::new(vec![Para::text(role, text)])
}

pub(crate) fn header_block() -> Block {
    Block::Table(Table {
        kind: TableKind::Layout,
        columns: vec![0.42, 0.58],
        rows: vec![
            Row {
                kind: RowKind::Layout,
                cells: vec![
                    Cell::new(vec![
                        Para::text(Role::ParentAgency, "UBND THỊ XÃ NINH HÒA"),
                        Para::text(Role::Agency, AGENCY).with_rule(RuleLength::Fraction(0.4)),
                    ]),
                    Cell::new(vec![
                        Para::text(Role::NationalTitle, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                        Para::text(Role::Motto, MOTTO).with_rule(RuleLength::TextWidth),
                    ]),
                ],
                change: None,
            },
            Row {
                kind: RowKind::Layout,
                cells: vec![
                    cell(Role::Number, "Số: 114/KH-UBND"),
                    cell(Role::PlaceDate, "Ninh Hà, ngày 07 tháng 7 năm 2021"),
                ],
                change: None,
            },
        ],
    })
}

pub(crate) fn signature_block(recipients: &[&str], authority: &[&str], signer: &str) -> Block {
    let mut left = vec![Para::text(Role::RecipientsLabel, "Nơi nhận:")];
    left.extend(recipients.iter().map(|r| Para::text(Role::Recipient, *r)));
    let mut right: Vec<Para> = authority
        .iter()
        .map(|a| Para::text(Role::Authority, *a))
        .collect();
    right.push(Para::text(Role::SignerName, signer));
    Block::Table(Table {
        kind: TableKind::Layout,
        columns: vec![0.42, 0.58],
        rows: vec![Row {
            kind: RowKind::Layout,
            cells: vec![Cell::new(left), Cell::new(right)],
            change: None,
        }],
    })
}

pub(crate) fn appendix_head(title: &str, reference: &str) -> Vec<Block> {
    vec![
        Block::Para(Para::text(Role::AppendixNumber, "Phụ lục")),
        Block::Para(Para::text(Role::AppendixTitle, title)),
        Block::Para(
            Para::text(Role::AppendixRef, reference).with_rule(RuleLength::Millimetres(30.0)),
        ),
    ]
}

pub(crate) fn header_row(titles: &[&str]) -> Row {
    Row {
        kind: RowKind::Header,
        cells: titles.iter().map(|t| cell(Role::TableHead, t)).collect(),
        change: None,
    }
}

pub(crate) fn group_row(numeral: &str, title: &str, columns: usize) -> Row {
    Row {
        kind: RowKind::Group,
        cells: vec![
            cell(Role::TableGroup, numeral),
            cell(Role::TableGroup, title).spanning(columns - 1),
        ],
        change: None,
    }
}

pub(crate) fn task_row(n: &str, cells: &[&str], deadline: &str) -> Row {
    let mut out = vec![cell(Role::TableNumber, n)];
    out.extend(cells.iter().map(|c| cell(Role::TableText, c)));
    out.push(cell(Role::TableCenter, deadline));
    Row {
        kind: RowKind::Task,
        cells: out,
        change: None,
    }
}

/// The brief's sample: header block, title and summary with rules, body, signature,
/// and a landscape appendix with a task grid (header, group and task rows).
pub fn plan() -> Document {
    let body = vec![
        header_block(),
        Block::Para(Para::text(Role::KindTitle, "KẾ HOẠCH")),
        Block::Para(Para::text(Role::Summary, SUMMARY).with_rule(RuleLength::Fraction(0.4))),
        Block::Para(Para::text(
            Role::Basis,
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;",
        )),
        Block::Para(Para::text(Role::Heading1, "I. MỤC ĐÍCH, YÊU CẦU")),
        Block::Para(Para::text(Role::Heading2, "1. Mục đích")),
        Block::Para(Para::new(
            Role::Item,
            vec![
                Run::plain("- Triển khai "),
                Run {
                    bold: true,
                    ..Run::plain("kịp thời")
                },
                Run::plain(" và "),
                Run {
                    italic: true,
                    ..Run::plain("có hiệu quả")
                },
                Run::plain("."),
            ],
        )),
        Block::Para(Para::text(
            Role::Body,
            "Trên đây là Kế hoạch của UBND phường Ninh Hà./.",
        )),
        signature_block(
            &["- UBND thị xã (VBĐT);", "- Lưu: VT, HT."],
            &["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            "Trần Văn Chính",
        ),
    ];
    let mut appendix = appendix_head(
        "NHIỆM VỤ TRIỂN KHAI",
        "(Kèm theo Kế hoạch số 114/KH-UBND ngày 07/7/2021 của UBND phường Ninh Hà)",
    );
    appendix.push(Block::Table(Table {
        kind: TableKind::Grid,
        columns: GRID.to_vec(),
        rows: vec![
            header_row(&["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"]),
            group_row("I", "Xây dựng văn bản", 4),
            task_row("1", &["Ban hành Kế hoạch", "Văn phòng"], "Tháng 7/2021"),
            task_row("2", &["Rà soát thủ tục", "Tư pháp"], "Thường xuyên"),
            group_row("II", "Tuyên truyền", 4),
            task_row("1", &["Tuyên truyền Đề án", "Văn hóa"], "Năm 2021"),
        ],
    }));
    Document {
        meta: Meta {
            title: SUMMARY.into(),
            subject: "Kế hoạch số 114/KH-UBND".into(),
            author: "UBND phường Ninh Hà".into(),
            keywords: vec!["một cửa".into(), "thủ tục hành chính".into()],
            language: "vi-VN".into(),
            date: Some("2021-07-07".into()),
        },
        parts: vec![
            Part {
                kind: PartKind::Main,
                landscape: false,
                blocks: body,
            },
            Part {
                kind: PartKind::Appendix,
                landscape: true,
                blocks: appendix,
            },
        ],
        ..Default::default()
    }
}

/// The sample with tracked changes (docx-rs numbers revisions from a global counter).
pub(crate) fn plan_with_changes() -> Document {
    let mut doc = plan();
    let runs = vec![
        Run::plain("Giữ "),
        Run {
            change: Some(change(ChangeKind::Inserted)),
            ..Run::plain("thêm")
        },
        Run {
            change: Some(change(ChangeKind::Deleted)),
            ..Run::plain("bỏ")
        },
    ];
    doc.parts[0]
        .blocks
        .push(Block::Para(Para::new(Role::Body, runs)));
    if let Some(Block::Table(t)) = doc.parts[1].blocks.last_mut() {
        t.rows[2].change = Some(change(ChangeKind::Deleted));
    }
    doc
}

/// The reference plan (`ninh-ha-114-plan.json` of the shared tools) as the tree
/// `compose` would build; used only by `write_reference_when_asked`.
pub(crate) fn from_reference(v: &serde_json::Value) -> Document {
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    let list = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut agency = Vec::new();
    for line in list(&v["co_quan_chu_quan"]) {
        agency.push(Para::text(Role::ParentAgency, line));
    }
    let issuers = list(&v["co_quan_ban_hanh"]).join("\n");
    agency.push(Para::text(Role::Agency, issuers).with_rule(RuleLength::Fraction(0.4)));
    // One row, as the decree's own file: each column reads top to bottom.
    agency.push(Para::text(
        Role::Number,
        format!("Số: {}/{}", s("number"), s("symbol")),
    ));
    let header = Block::Table(Table {
        kind: TableKind::Layout,
        columns: vec![0.38, 0.62],
        rows: vec![Row {
            kind: RowKind::Layout,
            cells: vec![
                Cell::new(agency),
                Cell::new(vec![
                    Para::text(Role::NationalTitle, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                    Para::text(Role::Motto, MOTTO).with_rule(RuleLength::TextWidth),
                    Para::text(Role::PlaceDate, s("date_line")),
                ]),
            ],
            change: None,
        }],
    });
    let mut main = vec![
        header,
        Block::Para(Para::text(Role::KindTitle, "KẾ HOẠCH")),
        Block::Para(Para::text(Role::Summary, s("trich_yeu")).with_rule(RuleLength::Fraction(0.4))),
    ];
    for line in list(&v["body"]) {
        let roman = line
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| "IVXLC".contains(c)));
        let arabic = line
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        let role = if roman {
            Role::Heading1
        } else if arabic {
            Role::Heading2
        } else if line.starts_with("- ") || line.starts_with("+ ") {
            Role::Item
        } else {
            Role::Body
        };
        main.push(Block::Para(Para::text(role, line)));
    }
    let recipients = list(&v["recipients"]);
    let authority = list(&v["authority"]);
    main.push(signature_block(
        &recipients.iter().map(String::as_str).collect::<Vec<_>>(),
        &authority.iter().map(String::as_str).collect::<Vec<_>>(),
        &s("signer"),
    ));
    let a = &v["appendix"];
    let columns = list(&a["columns"]);
    let n = columns.len();
    let mut rows = vec![header_row(
        &columns.iter().map(String::as_str).collect::<Vec<_>>(),
    )];
    for g in a["groups"].as_array().cloned().unwrap_or_default() {
        rows.push(group_row(
            g["roman"].as_str().unwrap_or_default(),
            g["title"].as_str().unwrap_or_default(),
            n,
        ));
        for t in g["tasks"].as_array().cloned().unwrap_or_default() {
            let t = list(&t);
            let middle: Vec<&str> = t[1..t.len() - 1].iter().map(String::as_str).collect();
            rows.push(task_row(&t[0], &middle, &t[t.len() - 1]));
        }
    }
    let mut appendix = vec![
        Block::Para(Para::text(
            Role::AppendixNumber,
            a["heading"].as_str().unwrap_or_default(),
        )),
        Block::Para(Para::text(
            Role::AppendixTitle,
            a["title"].as_str().unwrap_or_default(),
        )),
        Block::Para(
            Para::text(
                Role::AppendixRef,
                a["kem_theo"].as_str().unwrap_or_default(),
            )
            .with_rule(RuleLength::Millimetres(30.0)),
        ),
    ];
    appendix.push(Block::Table(Table {
        kind: TableKind::Grid,
        columns: vec![0.6, 4.0, 1.8, 1.8, 1.8, 1.6],
        rows,
    }));
    Document {
        meta: Meta {
            title: s("trich_yeu"),
            subject: format!("Kế hoạch số {}/{}", s("number"), s("symbol")),
            author: list(&v["co_quan_ban_hanh"]).join(" "),
            keywords: vec![],
            language: "vi-VN".into(),
            date: Some(s("date")),
        },
        parts: vec![
            Part {
                kind: PartKind::Main,
                landscape: false,
                blocks: main,
            },
            Part {
                kind: PartKind::Appendix,
                landscape: true,
                blocks: appendix,
            },
        ],
        ..Default::default()
    }
}

/// Documents `check` would never pass: empty parts, tables without rows or cells,
/// impossible widths, control characters, huge rules, hostile change authors.
pub(crate) fn odd_documents() -> Vec<Document> {
    let para = |role, text: &str| Para::text(role, text);
    let table = |kind, columns: Vec<f32>, rows: Vec<Row>| {
        Block::Table(Table {
            kind,
            columns,
            rows,
        })
    };
    let row = |cells: Vec<Cell>| Row {
        kind: RowKind::Task,
        cells,
        change: None,
    };
    let weird = vec![
        Block::Para(para(Role::Body, "")),
        Block::Para(Para::new(Role::Body, vec![])),
        table(TableKind::Grid, vec![], vec![]),
        table(TableKind::Grid, vec![], vec![row(vec![])]),
        table(
            TableKind::Grid,
            vec![f32::NAN, -1.0, f32::INFINITY],
            vec![row(vec![
                Cell::new(vec![]).spanning(0),
                Cell::new(vec![para(Role::TableText, "x")]).spanning(usize::MAX),
                Cell::new(vec![para(Role::TableText, "dropped? no: merged")]),
            ])],
        ),
        table(
            TableKind::Layout,
            vec![1.0],
            vec![row(vec![Cell::new(vec![
                para(Role::Motto, "m").with_rule(RuleLength::TextWidth)
            ])])],
        ),
        Block::Para(para(
            Role::Body,
            "emoji 😀👍🏽 RTL \u{202E}abc\u{202C} \u{200F}مرحبا ZWJ 👨‍👩‍👧",
        )),
        Block::Para(para(
            Role::Body,
            "\u{0}\u{8}\u{B}\u{C}\u{1B}\u{FFFE}\u{FFFF}]]><![CDATA[&lt;",
        )),
        Block::Para(
            para(Role::Summary, &"rất dài ".repeat(50_000)).with_rule(RuleLength::Fraction(2.0)),
        ),
        Block::Para(para(Role::AppendixRef, "x").with_rule(RuleLength::Millimetres(1.0e9))),
        Block::Para(para(Role::AppendixRef, "x").with_rule(RuleLength::Millimetres(-5.0))),
        Block::Para(Para {
            change: Some(Change {
                kind: ChangeKind::Inserted,
                author: "\u{1}\"'<>&".into(),
                date: "not a date\"/><x".into(),
            }),
            ..para(Role::Body, "x")
        }),
    ];
    let docs = vec![
        Document::default(),
        Document {
            meta: Meta {
                title: "\u{1}<&>".into(),
                language: "\"><".into(),
                date: Some("2021-13-45".into()),
                ..Meta::default()
            },
            parts: vec![
                Part {
                    kind: PartKind::Appendix,
                    landscape: true,
                    blocks: vec![],
                },
                Part {
                    kind: PartKind::Main,
                    landscape: false,
                    blocks: weird,
                },
                Part {
                    kind: PartKind::Appendix,
                    landscape: false,
                    blocks: vec![table(
                        TableKind::Grid,
                        vec![1.0],
                        vec![row(vec![Cell::new(vec![])])],
                    )],
                },
            ],
            ..Default::default()
        },
    ];
    docs
}
