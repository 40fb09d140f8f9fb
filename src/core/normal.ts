// The standard normal distribution, done carefully: Φ and log Φ far into the tails, the quantile,
// the bivariate orthant and Gauss–Legendre rules. Pure numerics for the belief model (beliefs.ts).

// ── erfc and its scaled form (W. J. Cody, "Rational Chebyshev approximations for the error
// function", Math. Comp. 23 (1969) 631–637; the coefficient sets of SPECFUN CALERF). Relative
// accuracy about 1e-16 on the whole line; erfcx never overflows, which is what keeps log Φ exact
// thousands of standard deviations out.

const ERF_A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const ERF_B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const ERFC_C = [
  0.5641884969886701, 8.883149794388375, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const ERFC_D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037493,
];
const ERFC_P = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.01608378514874228, 0.0006587491615298378, 0.016315387137302097];
const ERFC_Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const ERF_A0 = ERF_A[0]!;
const ERF_A1 = ERF_A[1]!;
const ERF_A2 = ERF_A[2]!;
const ERF_A3 = ERF_A[3]!;
const ERF_A4 = ERF_A[4]!;
const ERF_B0 = ERF_B[0]!;
const ERF_B1 = ERF_B[1]!;
const ERF_B2 = ERF_B[2]!;
const ERF_B3 = ERF_B[3]!;
const ERFC_C0 = ERFC_C[0]!;
const ERFC_C1 = ERFC_C[1]!;
const ERFC_C2 = ERFC_C[2]!;
const ERFC_C3 = ERFC_C[3]!;
const ERFC_C4 = ERFC_C[4]!;
const ERFC_C5 = ERFC_C[5]!;
const ERFC_C6 = ERFC_C[6]!;
const ERFC_C7 = ERFC_C[7]!;
const ERFC_C8 = ERFC_C[8]!;
const ERFC_D0 = ERFC_D[0]!;
const ERFC_D1 = ERFC_D[1]!;
const ERFC_D2 = ERFC_D[2]!;
const ERFC_D3 = ERFC_D[3]!;
const ERFC_D4 = ERFC_D[4]!;
const ERFC_D5 = ERFC_D[5]!;
const ERFC_D6 = ERFC_D[6]!;
const ERFC_D7 = ERFC_D[7]!;
const ERFC_P0 = ERFC_P[0]!;
const ERFC_P1 = ERFC_P[1]!;
const ERFC_P2 = ERFC_P[2]!;
const ERFC_P3 = ERFC_P[3]!;
const ERFC_P4 = ERFC_P[4]!;
const ERFC_P5 = ERFC_P[5]!;
const ERFC_Q0 = ERFC_Q[0]!;
const ERFC_Q1 = ERFC_Q[1]!;
const ERFC_Q2 = ERFC_Q[2]!;
const ERFC_Q3 = ERFC_Q[3]!;
const ERFC_Q4 = ERFC_Q[4]!;

/** exp(x²)·erfc(x) for x ≥ 0 (Horner's rule written out: this is the model's innermost loop). */
function erfcxPositive(x: number): number {
  if (x < 0.46875) {
    const z = x * x;
    const num = ((((ERF_A4 * z + ERF_A0) * z + ERF_A1) * z + ERF_A2) * z + ERF_A3);
    const den = ((((z + ERF_B0) * z + ERF_B1) * z + ERF_B2) * z + ERF_B3);
    return Math.exp(z) * (1 - (x * num) / den);
  }
  if (x <= 4) {
    const num = (((((((ERFC_C8 * x + ERFC_C0) * x + ERFC_C1) * x + ERFC_C2) * x + ERFC_C3) * x + ERFC_C4) * x + ERFC_C5) * x + ERFC_C6) * x + ERFC_C7;
    const den = (((((((x + ERFC_D0) * x + ERFC_D1) * x + ERFC_D2) * x + ERFC_D3) * x + ERFC_D4) * x + ERFC_D5) * x + ERFC_D6) * x + ERFC_D7;
    return num / den;
  }
  const z = 1 / (x * x);
  const num = ((((ERFC_P5 * z + ERFC_P0) * z + ERFC_P1) * z + ERFC_P2) * z + ERFC_P3) * z;
  const den = ((((z + ERFC_Q0) * z + ERFC_Q1) * z + ERFC_Q2) * z + ERFC_Q3) * z;
  const r = (z * (num + ERFC_P4)) / (den + ERFC_Q4);
  return (ONE_OVER_SQRT_PI - r) / x;
}

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Φ(x), the standard normal distribution function, to about 1e-16 relative in both tails. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) {
    const y = -x * SQRT1_2;
    return 0.5 * erfcxPositive(y) * Math.exp(-y * y);
  }
  const y = x * SQRT1_2;
  return 1 - 0.5 * erfcxPositive(y) * Math.exp(-y * y);
}

/** ln Φ(x), finite for every finite x (about −x²/2 far in the left tail). */
export function logNormalCdf(x: number): number {
  if (x < 0) {
    const y = -x * SQRT1_2;
    return Math.log(0.5 * erfcxPositive(y)) - y * y;
  }
  const y = x * SQRT1_2;
  return Math.log1p(-0.5 * erfcxPositive(y) * Math.exp(-y * y));
}

/**
 * ln Φ(x) from a table: ln Φ with its first and second derivatives at steps of 1/32 on [−40, 10],
 * joined by quintic Hermite interpolation (exact to within 1e-12 of logNormalCdf, which a test checks
 * on a dense sample; the error term is h⁶/46080·max|(ln Φ)⁽⁶⁾|). Each step's polynomial is kept by its
 * coefficients and read by Horner's rule. About four times faster than the rational approximation, so
 * it is what the belief model's sums over thousands of evaluations use. Left of the table,
 * logNormalCdf itself.
 */
export function logNormalCdfTabled(x: number): number {
  // Right of the table ln Φ(x) = ln(1 − Φ(−x)) is above −8e-24: −φ(x)/x is that to within 1%.
  if (x >= TABLE_TO) return -Math.exp(-0.5 * x * x - LOG_SQRT_2PI) / x;
  if (!(x > TABLE_FROM)) return logNormalCdf(x);
  const c = TABLE ?? (TABLE = buildTable());
  const position = (x - TABLE_FROM) * TABLE_STEPS;
  // Just below TABLE_TO the position can round up to the end of the table: read the last step at t = 1.
  const i = Math.min(position | 0, TABLE_LAST);
  const t = position - i;
  const k = 6 * i;
  return c[k]! + t * (c[k + 1]! + t * (c[k + 2]! + t * (c[k + 3]! + t * (c[k + 4]! + t * c[k + 5]!))));
}

/**
 * φ(x)/Φ(x) as the slope of logNormalCdfTabled's interpolant (within about 1e-9 of
 * inverseMillsRatio): the model uses it only to find where its integrands peak, which needs no more.
 */
export function inverseMillsRatioTabled(x: number): number {
  // Right of the table Φ(x) is 1 to within 8e-24.
  if (x >= TABLE_TO) return Math.exp(-0.5 * x * x - LOG_SQRT_2PI);
  if (!(x > TABLE_FROM)) return inverseMillsRatio(x);
  const c = TABLE ?? (TABLE = buildTable());
  const position = (x - TABLE_FROM) * TABLE_STEPS;
  const i = Math.min(position | 0, TABLE_LAST);
  const t = position - i;
  const k = 6 * i;
  return TABLE_STEPS * (c[k + 1]! + t * (2 * c[k + 2]! + t * (3 * c[k + 3]! + t * (4 * c[k + 4]! + t * 5 * c[k + 5]!))));
}

const TABLE_FROM = -40;
const TABLE_TO = 10;
const TABLE_STEPS = 32;
/** The index of the table's last step. */
const TABLE_LAST = (TABLE_TO - TABLE_FROM) * TABLE_STEPS - 1;
let TABLE: Float64Array | undefined;

/**
 * For each step [x₀, x₁] of the table, the six coefficients in t ∈ [0, 1] of the quintic that has ln Φ's
 * value, slope and curvature at both ends (the quintic Hermite basis, multiplied out; the values enter
 * through their difference, which keeps the coefficients free of cancellation far in the left tail).
 */
function buildTable(): Float64Array {
  const steps = (TABLE_TO - TABLE_FROM) * TABLE_STEPS;
  const table = new Float64Array(6 * steps);
  const h = 1 / TABLE_STEPS;
  // Value, slope and curvature at x, the derivatives scaled to a step of 1.
  const at = (x: number): [number, number, number] => {
    const lambda = inverseMillsRatio(x);
    return [logNormalCdf(x), lambda * h, -lambda * (x + lambda) * h * h];
  };
  let [y0, d0, c0] = at(TABLE_FROM);
  for (let i = 0; i < steps; i++) {
    const [y1, d1, c1] = at(TABLE_FROM + (i + 1) * h);
    const rise = y1 - y0;
    table.set([y0, d0, 0.5 * c0, 10 * rise - 6 * d0 - 4 * d1 - 1.5 * c0 + 0.5 * c1, -15 * rise + 8 * d0 + 7 * d1 + 1.5 * c0 - c1, 6 * rise - 3 * d0 - 3 * d1 - 0.5 * c0 + 0.5 * c1], 6 * i);
    [y0, d0, c0] = [y1, d1, c1];
  }
  return table;
}

/** φ(x)/Φ(x), the derivative of ln Φ, without underflow in the left tail. */
export function inverseMillsRatio(x: number): number {
  if (x < 0) return SQRT_2_OVER_PI / erfcxPositive(-x * SQRT1_2);
  return Math.exp(-0.5 * x * x - LOG_SQRT_2PI) / normalCdf(x);
}

// ── The quantile: Wichura's AS 241 (PPND16), relative accuracy about 1e-16 ───────────────────────

const CENTRAL_NUM = [3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227];
const CENTRAL_DEN = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852546];
const NEAR_NUM = [1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414];
const NEAR_DEN = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9];
const TAIL_NUM = [6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7];
const TAIL_DEN = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15];

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i]!;
  return value;
}

/** Standard-normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUM, r)) / polynomial(CENTRAL_DEN, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value =
    r <= 5
      ? polynomial(NEAR_NUM, r - 1.6) / polynomial(NEAR_DEN, r - 1.6)
      : polynomial(TAIL_NUM, r - 5) / polynomial(TAIL_DEN, r - 5);
  return q < 0 ? -value : value;
}

// ── Gauss–Legendre rules ────────────────────────────────────────────────────────────────────────

/** Gauss–Legendre nodes and weights on [−1, 1], by Newton's method on P_n. */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}

const GL20 = gaussLegendre(20);

/**
 * P(X > h, Y > k) for standard normals with correlation r in (−0.925, 0.925): the Drezner–Wesolowsky
 * form Φ(−h)Φ(−k) + (1/2π) ∫₀^{asin r} exp(−(h² + k² − 2hk sin θ) / (2 cos² θ)) dθ with a 20-point
 * Gauss–Legendre rule, the branch Genz uses for this range (absolute accuracy about 1e-15).
 */
export function bivariateUpperOrthant(h: number, k: number, r: number): number {
  if (!(r > -0.925 && r < 0.925)) throw new RangeError(`bivariateUpperOrthant: r must be in (−0.925, 0.925), got ${r}`);
  if (h === Infinity || k === Infinity) return 0;
  if (h === -Infinity) return normalCdf(-k);
  if (k === -Infinity) return normalCdf(-h);
  const independent = normalCdf(-h) * normalCdf(-k);
  if (r === 0) return independent;
  const upper = Math.asin(r);
  const half = upper / 2;
  const sumSquares = h * h + k * k;
  let sum = 0;
  for (let i = 0; i < 20; i++) {
    const sine = Math.sin(half * (GL20.nodes[i]! + 1));
    sum += GL20.weights[i]! * Math.exp(-(sumSquares - 2 * h * k * sine) / (2 * (1 - sine * sine)));
  }
  return Math.min(1, Math.max(0, independent + (half * sum) / (2 * Math.PI)));
}
