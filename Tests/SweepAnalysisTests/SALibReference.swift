/// Reference values computed with SALib 1.6.0 (numpy), outside this code:
///
///     y = [round(math.sin(0.7 * k) + 0.05 * k * k - (k % 3), 6) for k in range(32)]
///     S = SALib.analyze.sobol.analyze({'num_vars': 2, 'names': ['x1', 'x2'],
///                                      'bounds': [[0, 1]] * 2},
///                                     np.array(y), calc_second_order=False)
///     S['S1'].tolist(), S['ST'].tolist()
enum SALibReference {
    static let outputs: [Double] = [
        0.0, -0.305782, -0.81455, 1.313209, 0.134988, -1.100783, 0.928424, 0.467547, 0.568733, 4.066814,
        4.656987, 5.038168, 8.054599, 7.769098, 7.433521, 10.370304, 10.820822, 11.831863, 16.233623,
        17.71957, 18.990607, 22.895747, 23.503118, 24.067929, 27.912433, 29.274374, 31.195167, 36.500423,
        38.881964, 41.042766, 45.836656, 47.337053,
    ]
    static let s1 = [0.06802181771488144, 0.16932865534816824]
    static let st = [0.01024535133308364, 0.03547535425846142]
}
