//! The one way kehoach reads an input file: [`read_bounded`].
//!
//! A size check on `metadata` is not a limit: `/dev/zero`, a FIFO or a file that grows
//! while it is read all report a size that says nothing about what `read` returns. So the
//! file is opened without blocking (a FIFO with no writer would otherwise hang `open`),
//! checked to be a regular file on the opened handle (not on the path, which can be
//! swapped in between), and read through `take(limit + 1)`: at most `limit + 1` bytes
//! are ever held, whatever the file claims.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// Why an input could not be read. `Display` is the message a user reads.
#[derive(Debug)]
pub enum ReadError {
    /// No file at this path (or a symbolic link that points nowhere).
    NotFound,
    /// A symbolic link that points back to itself, directly or through others.
    LinkLoop,
    /// A folder, device, FIFO or socket: only ordinary files are read.
    NotRegular(&'static str),
    /// More than `limit` bytes.
    TooLarge {
        limit: u64,
    },
    /// Not allowed to read it.
    Denied,
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str(
                "không có tệp này (hoặc liên kết trỏ tới chỗ không có gì); kiểm tra lại đường dẫn",
            ),
            ReadError::LinkLoop => f.write_str(
                "liên kết tượng trưng (symlink) trỏ vòng về chính nó; hãy sửa hoặc xoá liên kết",
            ),
            ReadError::NotRegular(kind) => write!(
                f,
                "đây là {kind}, không phải tệp thường; kehoach chỉ đọc tệp thường"
            ),
            ReadError::TooLarge { limit } => write!(
                f,
                "tệp lớn hơn giới hạn {limit} byte; hãy tách thành nhiều tệp, hoặc kiểm tra đây có đúng là tệp cần đọc"
            ),
            ReadError::Denied => f.write_str("không có quyền đọc tệp này; kiểm tra quyền truy cập"),
            ReadError::Io(e) => write!(f, "lỗi đọc tệp: {}", describe_io(e)),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        classify(e)
    }
}

fn classify(e: io::Error) -> ReadError {
    #[cfg(unix)]
    if e.raw_os_error() == Some(40) {
        // ELOOP on Linux: "entity not found" would send the user looking for a file.
        return ReadError::LinkLoop;
    }
    match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        io::ErrorKind::PermissionDenied => ReadError::Denied,
        _ => ReadError::Io(e),
    }
}

/// An I/O error as a Vietnamese sentence where the kind is known, the system's text otherwise.
pub fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "không tìm thấy".to_owned(),
        io::ErrorKind::PermissionDenied => "không có quyền truy cập".to_owned(),
        io::ErrorKind::AlreadyExists => "tệp đã có".to_owned(),
        io::ErrorKind::StorageFull => "ổ đĩa đã đầy".to_owned(),
        io::ErrorKind::WriteZero => "không ghi được (ổ đĩa đầy?)".to_owned(),
        _ => e.to_string(),
    }
}

/// What a file type is called in a message.
pub(crate) fn kind_name(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "một ống FIFO";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "một thiết bị";
        }
        if ft.is_socket() {
            return "một socket";
        }
    }
    if ft.is_dir() {
        "một thư mục"
    } else if ft.is_symlink() {
        "một liên kết tượng trưng (symlink)"
    } else {
        "một tệp đặc biệt"
    }
}

/// Reads the regular file at `path` (a symbolic link is followed to a regular file),
/// holding at most `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let hint = file.metadata().map(|m| m.len()).unwrap_or(0).min(limit);
    let mut bytes = Vec::with_capacity(hint as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(classify)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// [`read_bounded`] for text: the bytes must be UTF-8.
pub fn read_bounded_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bounded(path, limit)?;
    String::from_utf8(bytes).map_err(|_| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            "tệp không phải văn bản UTF-8; hãy lưu lại với mã UTF-8",
        ))
    })
}

fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never block in `open` on a FIFO without a writer; cleared below for a regular file
        // (where it has no effect anyway).
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path).map_err(classify)?;
    let meta = file.metadata().map_err(classify)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_name(&meta.file_type())));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_within_the_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, b"abc").unwrap();
        assert_eq!(read_bounded(&p, 3).unwrap(), b"abc");
        assert!(matches!(
            read_bounded(&p, 2),
            Err(ReadError::TooLarge { limit: 2 })
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_and_fifos_are_refused_without_reading() {
        let err = read_bounded(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(matches!(err, ReadError::NotRegular(_)), "{err:?}");
        assert!(err.to_string().contains("thiết bị"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.yaml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let err = read_bounded(&fifo, 1 << 20).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        let b = dir.path().join("b.yaml");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let err = read_bounded(&a, 10).unwrap_err();
        assert!(matches!(err, ReadError::LinkLoop), "{err:?}");
        assert!(!err.to_string().contains("entity not found"));
    }
}
