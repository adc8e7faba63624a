import CXMLShim

/// Versions of the C libraries the parser is linked against.
public enum LinkedLibraries {
    /// The runtime libxml2 version, e.g. "2.9.14".
    public static var libxml2Version: String {
        String(cString: axml_libxml_version())
    }
}
