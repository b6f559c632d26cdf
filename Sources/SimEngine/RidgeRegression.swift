/// Least squares with a ridge penalty per coefficient: the w minimising
/// Σᵢ (xᵢ·w − yᵢ)² + Σⱼ λⱼ wⱼ², from the normal equations (XᵀX + Λ) w = Xᵀy.
/// Small dense systems only (the speed-factor fit has a few dozen effects).
struct RidgeRegression {
    let coefficients: [Double]
    /// The minimised objective.
    let cost: Double

    /// Rows of `design` are observations; nil when the system is singular (an unpenalised column no row uses).
    init?(design: [[Double]], targets: [Double], penalties: [Double]) {
        let width = penalties.count
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: width + 1), count: width)
        for (row, target) in zip(design, targets) {
            for i in 0..<width where row[i] != 0 {
                for j in 0..<width { matrix[i][j] += row[i] * row[j] }
                matrix[i][width] += row[i] * target
            }
        }
        for i in 0..<width { matrix[i][i] += penalties[i] }
        // Gaussian elimination with partial pivoting on the augmented matrix.
        for column in 0..<width {
            guard let pivot = (column..<width).max(by: { abs(matrix[$0][column]) < abs(matrix[$1][column]) }),
                abs(matrix[pivot][column]) > 1e-12
            else { return nil }
            matrix.swapAt(column, pivot)
            for row in (column + 1)..<width where matrix[row][column] != 0 {
                let scale = matrix[row][column] / matrix[column][column]
                for j in column...width { matrix[row][j] -= scale * matrix[column][j] }
            }
        }
        var w = [Double](repeating: 0, count: width)
        for i in stride(from: width - 1, through: 0, by: -1) {
            var sum = matrix[i][width]
            for j in (i + 1)..<width { sum -= matrix[i][j] * w[j] }
            w[i] = sum / matrix[i][i]
        }
        coefficients = w
        var cost = 0.0
        for (row, target) in zip(design, targets) {
            let residual = zip(row, w).reduce(0) { $0 + $1.0 * $1.1 } - target
            cost += residual * residual
        }
        for (penalty, value) in zip(penalties, w) { cost += penalty * value * value }
        self.cost = cost
    }
}
