import BenchPerf
import Testing

@Suite struct GeneratedMatrixTests {
    @Test func twentyPointsPerConfig() {
        let text = GeneratedMatrix.text(points: 60)
        #expect(text.components(separatedBy: "\n  image: ").count - 1 == 3)
        #expect(text.contains("cfg-2-b200:"))
    }
}
