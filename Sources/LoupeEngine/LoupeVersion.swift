/// Loupe's version.
public enum LoupeVersion {
    /// The version printed by `loupe --version` and recorded in run manifests.
    public static let current = "0.1.0"
}
