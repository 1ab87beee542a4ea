/// One format's way of holding a run's rows until the run is committed or abandoned.
///
/// ``OutputSet`` drives it: rows in, then either ``finish()`` (whose files it publishes
/// together) or ``abandon()``.
protocol RowWriter: AnyObject {
    /// Takes one row.
    func write(_ row: Row) throws(OutputError)
    /// Completes every file, on disk, and returns them ready to rename into place (none for
    /// standard output, which is flushed here).
    func finish() throws(OutputError) -> [StagedFile]
    /// Drops everything written; no output appears and previous outputs stay as they were.
    func abandon()
}
