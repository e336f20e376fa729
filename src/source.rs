//! Source files and byte spans, turned into line:column for messages; and reading any input file
//! with bounded work: only regular files, never more than a set size.

use std::io::Read as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The most a report, a `previous` report or a style file may hold (the largest real report is
/// under 100 KB).
pub const MAX_TEXT_FILE: u64 = 16 << 20;
/// The most a document to import (`nianbao import`, a DOCX or text) may hold.
pub const MAX_IMPORT_FILE: u64 = 64 << 20;
/// The most a font file may hold (the largest CJK font collections are about 120 MB).
pub const MAX_FONT_FILE: u64 = 256 << 20;

/// A byte range into a [`Source`]'s text.
pub type Span = Range<usize>;

/// One input file as read, with a line index for turning byte offsets into line:column.
pub struct Source {
    path: PathBuf,
    text: String,
    line_starts: Vec<usize>,
    /// Whether messages may quote the file's lines (not for a `previous` or style file that is
    /// not a `.toml` file: it may be any file on the machine, e.g. /etc/shadow).
    echo: bool,
}

impl std::fmt::Debug for Source {
    // The path only: a diagnostic's debug output should not repeat the whole file.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            path: path.into(),
            text,
            line_starts,
            echo: true,
        }
    }

    /// The same source, whose lines messages never quote.
    pub fn without_echo(mut self) -> Self {
        self.echo = false;
        self
    }

    /// Whether messages may quote this file's lines.
    pub fn echo(&self) -> bool {
        self.echo
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters, as editors count them) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = self.floor_char_boundary(byte.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let col = self.text[self.line_starts[line]..byte].chars().count() + 1;
        (line + 1, col)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line - 1]
    }

    fn floor_char_boundary(&self, mut byte: usize) -> usize {
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        byte
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system's error.
    Io(std::io::Error),
    /// Not a regular file: a folder, a named pipe, a device… (its kind, in Chinese).
    NotRegular(&'static str),
    /// Larger than the limit (the size, when known).
    TooLarge { limit: u64 },
}

impl ReadError {
    /// A short Chinese reason, e.g. “这是一个命名管道（FIFO），不是普通文件”.
    pub fn reason(&self) -> String {
        match self {
            ReadError::Io(e) => io_reason(e),
            ReadError::NotRegular(kind) => format!("这是{kind}，不是普通文件"),
            ReadError::TooLarge { limit } => {
                format!("文件超过 {} MB，不予读取", limit >> 20)
            }
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// What kind of not-regular file `meta` describes, or `None` for a regular file.
pub fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("一个文件夹");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return Some("一个命名管道（FIFO）");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("一个设备文件");
        }
        if t.is_socket() {
            return Some("一个套接字");
        }
    }
    Some("一个特殊文件")
}

/// Reads a whole file, refusing anything that is not a regular file (checked before it is opened,
/// so a named pipe never blocks and /dev/zero is never read) and anything larger than `limit`.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if let Some(kind) = not_regular(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = open_nonblocking(path)?;
    // Checked again on the open file: the path may have been swapped in between.
    let meta = file.metadata()?;
    if let Some(kind) = not_regular(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Opens for reading; on Unix without waiting for a writer should the path have become a named
/// pipe since it was checked (O_NONBLOCK does nothing to a regular file).
pub fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

/// A short Chinese reason for an operating-system error; never the system's English text.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    // An error wrapped with a path (as tempfile does): the operating system's error inside.
    if e.raw_os_error().is_none()
        && let Some(inner) = e.get_ref().and_then(|i| {
            i.downcast_ref::<std::io::Error>()
                .or_else(|| i.source()?.downcast_ref::<std::io::Error>())
        })
    {
        return io_reason(inner);
    }
    #[cfg(windows)]
    if matches!(e.raw_os_error(), Some(32 | 33)) {
        // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return "文件正被其他程序（如 Word、WPS）占用，请先关闭它".into();
    }
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        match e.raw_os_error().map(Errno::from_raw_os_error) {
            Some(Errno::IO) => return "读写设备出错（磁盘、U 盘或网络存储故障）".into(),
            Some(Errno::LOOP) => return "符号链接形成了循环（链接最终指向自己）".into(),
            _ => {}
        }
    }
    let text = match e.kind() {
        NotFound => "文件不存在",
        PermissionDenied => "没有访问权限",
        AlreadyExists => "文件已存在",
        IsADirectory => "这是一个文件夹",
        NotADirectory => "路径中有一级不是文件夹",
        DirectoryNotEmpty => "文件夹不是空的",
        StorageFull => "磁盘空间已满",
        QuotaExceeded => "超出了磁盘配额",
        ReadOnlyFilesystem => "所在的磁盘或文件系统是只读的",
        InvalidFilename => "文件名太长或含有不允许的字符",
        FileTooLarge => "文件太大",
        ResourceBusy => "文件或设备正忙",
        ExecutableFileBusy => "文件正在被运行的程序使用",
        CrossesDevices => "不能跨磁盘移动文件",
        TooManyLinks => "链接太多",
        StaleNetworkFileHandle => "网络文件已失效",
        NetworkUnreachable | HostUnreachable | ConnectionRefused | ConnectionReset
        | ConnectionAborted | NotConnected | NetworkDown => "网络存储无法访问",
        TimedOut => "操作超时",
        Interrupted => "操作被中断",
        WouldBlock => "文件暂时无法读写",
        BrokenPipe => "管道已关闭",
        UnexpectedEof => "文件意外结束",
        InvalidData => "文件内容无效",
        OutOfMemory => "内存不足",
        Unsupported => "系统不支持这一操作",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("系统错误（错误代码 {code}）"),
                None => "未知的读写错误".into(),
            };
        }
    };
    text.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operating-system errors issue 10 names, each in Chinese and none the generic wording.
    #[cfg(unix)]
    #[test]
    fn os_errors_are_said_in_chinese() {
        use rustix::io::Errno;
        let cases = [
            (Errno::NOSPC, "磁盘空间已满"),
            (Errno::ROFS, "只读"),
            (Errno::NAMETOOLONG, "文件名太长"),
            (Errno::ACCESS, "没有访问权限"),
            (Errno::EXIST, "文件已存在"),
            (Errno::IO, "读写设备出错"),
            (Errno::LOOP, "符号链接形成了循环"),
            (Errno::DQUOT, "磁盘配额"),
            (Errno::NOENT, "文件不存在"),
        ];
        for (errno, says) in cases {
            let e = std::io::Error::from_raw_os_error(errno.raw_os_error());
            let reason = io_reason(&e);
            assert!(reason.contains(says), "{errno:?}: {reason}");
            assert!(
                !reason.is_ascii() && !reason.contains("os error"),
                "{reason}"
            );
            // Wrapped with a path, as tempfile wraps it: the same words.
            let wrapped = std::io::Error::new(e.kind(), e);
            assert_eq!(io_reason(&wrapped), reason);
        }
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = Source::new("a.toml", "x = 1\n标题 = \"年报\"\n");
        assert_eq!(s.line_col(0), (1, 1));
        let pos = s.text().find('=').unwrap();
        assert_eq!(s.line_col(pos), (1, 3));
        let pos = s.text().find('"').unwrap();
        assert_eq!(s.line_col(pos), (2, 6));
        assert_eq!(s.line_text(2), "标题 = \"年报\"");
    }
}
