import Catalog

extension Catalog: HardwareNaming {
    public func hardwareName(forRunner runner: String) -> String? {
        hardware(forRunner: runner)?.name
    }
}
