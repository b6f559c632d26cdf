import Foundation

extension SweepSettings {
    /// Settings for `matrices` with the points selected as typed: how `bench run`, `submit`,
    /// `matrix expand --format slurm` and `nightly` all start theirs. The files become absolute
    /// paths, read against `folder` (default: the working directory; a nightly config's own
    /// folder), so a resume or a Slurm task started elsewhere reads the same files.
    public init(
        matrices: [String], filters: [String] = [], seqLens: String? = nil, minConc: Int? = nil, maxConc: Int? = nil,
        catalog: String? = nil, runnerConfig: String? = nil, relativeTo folder: URL? = nil
    ) {
        self.init(matrixFiles: matrices.map { Self.absolute($0, relativeTo: folder) })
        (self.filters, self.seqLens, self.minConc, self.maxConc) = (filters, seqLens, minConc, maxConc)
        catalogPath = catalog.map { Self.absolute($0, relativeTo: folder) }
        runnerConfigPath = runnerConfig.map { Self.absolute($0, relativeTo: folder) }
    }

    /// `path` as an absolute, standardized path; a relative one is read against `folder` (default: the working directory).
    public static func absolute(_ path: String, relativeTo folder: URL? = nil) -> String {
        guard let folder, !path.hasPrefix("/") else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return folder.appendingPathComponent(path).standardizedFileURL.path
    }
}
