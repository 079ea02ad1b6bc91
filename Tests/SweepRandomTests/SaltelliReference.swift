/// SALib 1.6.0: `SALib.sample.sobol.sample({'num_vars': 2, 'names': ['x1', 'x2'], 'bounds':
/// [[0, 1]] * 2}, 4, calc_second_order=False, scramble=False).tolist()`.
enum SaltelliReference {
    static let unscrambledN4D2: [[Double]] = [
        [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5],
        [0.75, 0.25], [0.25, 0.25], [0.75, 0.25], [0.25, 0.25], [0.25, 0.75], [0.75, 0.75], [0.25, 0.75], [0.75, 0.75],
    ]
}
