//! How the batch asks glibc to hold its memory: the batch's live data is a few MB, and
//! without these two settings the allocator's keeping of freed blocks, not the data, set
//! its peak (measured with heaptrack and `VmHWM`). Elsewhere they do nothing.

/// Blocks of 1 MiB and more get their own mapping, returned when freed. glibc's default
/// raises that threshold to the largest block freed so far, and the manifest and register
/// phase's growing buffers then fragmented the heap: peak RSS at N = 10 000 ranged from
/// 28 to 53 MB from run to run (heaptrack: 7.8 MB live at the peak), and is 25-28 MB with
/// this. Not lower: at 256 KiB the deflate state every DOCX allocates got a fresh mapping
/// each time and the DOCX stage tripled (0.22 → 0.66 ms a plan).
pub(super) fn fix_large_allocation_threshold() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes glibc's allocation policy for later allocations.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}

/// Hands the pages of freed allocations back to the system between chunks. glibc keeps
/// them in each thread's arena, where a long batch's scattered small blocks pinned
/// ~4 MB more at N = 10 000.
pub(super) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
