"""Speech and audio features: the mel scale in its base-10 and natural-log forms and its inverse,
the triangular mel filter, log filterbank energies and the MFCC cosine transform, pre-emphasis,
the Hamming window, delta coefficients, the spectral centroid and flatness, SI-SDR, mu-law
companding, the CTC probability of a labelling as a sum over alignments, the Itakura-Saito
divergence and the log-spectral distance (NumPy references from each source's definition)."""

from __future__ import annotations

import itertools
import math

import numpy as np
from _common import Area, rnd, simplex

A = Area("audio")
row = A.row

row(
    "mel_scale_log10",
    r"m = 2595 \log_{10}\left( 1 + \frac{f}{700} \right)",
    "f: scalar, positive",
    {"f": 1000.0},
    lambda f: 2595 * math.log10(1 + f / 700),
    wrt="f",
    source="the mel scale of a frequency f in hertz (O'Shaughnessy, 1987, Speech Communication: Human and Machine, Sec. 4; Stevens, Volkmann and Newman, 1937, for the scale)",
)
row(
    "mel_scale_natural_log",
    r"\operatorname{Mel}(f) = 1127 \ln\left( 1 + \frac{f}{700} \right)",
    "f: scalar, positive",
    {"f": 2000.0},
    lambda f: 1127 * math.log(1 + f / 700),
    wrt="f",
    source="the mel scale as the HTK toolkit defines it, with the natural logarithm (Young et al., The HTK Book, Sec. 5.4)",
)
row(
    "inverse_mel_scale",
    r"f = 700 \left( 10^{m / 2595} - 1 \right)",
    "m: scalar, positive",
    {"m": 1000.0},
    lambda m: 700 * (10 ** (m / 2595) - 1),
    wrt="m",
    source="the frequency in hertz of m mels, the inverse of m = 2595 log10(1 + f / 700), used to place the centres of a mel filterbank (O'Shaughnessy, 1987; Huang, Acero and Hon, 2001, Spoken Language Processing, Sec. 6.5.2)",
)


def tri(k, f_m_minus_1, f_m, f_m_plus_1):
    if k < f_m_minus_1 or k > f_m_plus_1:
        return 0.0
    if k <= f_m:
        return (k - f_m_minus_1) / (f_m - f_m_minus_1)
    return (f_m_plus_1 - k) / (f_m_plus_1 - f_m)


row(
    "triangular_mel_filter",
    r"H_m(k) = \begin{cases} 0 & \text{if } k < f_{m-1} \\ \frac{k - f_{m-1}}{f_m - f_{m-1}} & \text{if } f_{m-1} \le k \le f_m \\ \frac{f_{m+1} - k}{f_{m+1} - f_m} & \text{if } f_m < k \le f_{m+1} \\ 0 & \text{if } k > f_{m+1} \end{cases}",
    "k, f_{m-1}, f_m, f_{m+1}: scalar, nonnegative",
    {"k": 13.0, "f_m_minus_1": 10.0, "f_m": 15.0, "f_m_plus_1": 22.0},
    tri,
    wrt="k",
    source="the m-th triangular filter of a mel filterbank at DFT bin k, rising from the previous centre f_{m-1} to its own f_m and falling to the next f_{m+1}, with peak one (Davis and Mermelstein, 1980, Comparison of Parametric Representations for Monosyllabic Word Recognition in Continuously Spoken Sentences, Sec. II; Huang, Acero and Hon, 2001, Sec. 6.5.2, who also give the filters scaled to unit area)",
    note="f_{m-1}, f_m, f_{m+1} the boundary bins of the filter, given numbers",
)
Xa = rnd(7000, 6, lo=-1.5, hi=1.5)
Hm = rnd(7001, 6, lo=0.0, hi=1.0)
row(
    "log_mel_filterbank_energy",
    r"S_m = \ln\left( \sum_{k=0}^{N-1} |X_a(k)|^2 H_m(k) \right)",
    "X_a, H_m: vector[N]; k: index",
    {"X_a": Xa, "H_m": Hm},
    lambda X_a, H_m: math.log(float(np.sum(np.abs(X_a) ** 2 * H_m))),
    wrt="X_a",
    source="the log-energy at the output of the m-th mel filter (Huang, Acero and Hon, 2001, Spoken Language Processing, Sec. 6.5.2)",
    note="X_a(k) the N-point DFT of the frame and H_m(k) the m-th filter at bin k, the entries of X_a and H_m counted from 0 as the book writes the sum; X_a is real here",
)
X_mf = rnd(7002, 5, lo=-2.0, hi=2.0)
row(
    "mfcc_cosine_transform",
    r"\mathrm{MFCC}_i = \sum_{k=1}^{N} X_k \cos\left[ i \left( k - \frac{1}{2} \right) \frac{\pi}{N} \right]",
    "X: vector[N]; N: dim; i: scalar, integer, nonnegative; k: index",
    {"X": X_mf, "N": 5, "i": 3.0},
    lambda X, N, i: float(
        sum(X[k - 1] * math.cos(i * (k - 0.5) * math.pi / N) for k in range(1, int(N) + 1))
    ),
    wrt="X",
    source="the i-th mel-frequency cepstral coefficient, the cosine transform of the log-energy outputs X_k of the N filters (Davis and Mermelstein, 1980, Eq. 1, with N = 20 there)",
)
x_pe = rnd(7003, 6)
row(
    "pre_emphasis",
    r"y[n] = x[n] - \alpha x[n - 1]",
    r"x: vector[N]; \alpha: scalar, unit; n: index",
    {"x": x_pe, "alpha": 0.97},
    lambda x, alpha: x[1:] - alpha * x[:-1],
    source="the first-order pre-emphasis filter 1 - alpha z^{-1} that flattens the spectral tilt of speech (Huang, Acero and Hon, 2001, Sec. 6.5.2; Young et al., The HTK Book, Sec. 5.2)",
    note="x[n] the n-th sample, the entries of x; the result is the vector over n = 2, ..., N, where x[n - 1] exists",
)
row(
    "hamming_window",
    r"w[n] = 0.54 - 0.46 \cos\left( \frac{2 \pi n}{N - 1} \right)",
    "n: scalar, integer, nonnegative; N: scalar, integer, positive",
    {"n": 2.0, "N": 6.0},
    lambda n, N: 0.54 - 0.46 * math.cos(2 * math.pi * n / (N - 1)),
    source="the Hamming window of N samples at sample n, 0 <= n <= N - 1 (Oppenheim and Schafer, 2010, Discrete-Time Signal Processing, Sec. 7.5; Young et al., The HTK Book, Sec. 5.2)",
)
c_dl = rnd(7004, 7)


def deltas(c, Theta):
    Th = int(Theta)
    T = len(c)
    den = 2 * sum(th**2 for th in range(1, Th + 1))
    return np.array(
        [
            sum(th * (c[t + th] - c[t - th]) for th in range(1, Th + 1)) / den
            for t in range(Th, T - Th)
        ]
    )


row(
    "delta_coefficients",
    r"d_t = \frac{\sum_{\theta=1}^{\Theta} \theta \left( c_{t+\theta} - c_{t-\theta} \right)}{2 \sum_{\theta=1}^{\Theta} \theta^2}",
    r"c: vector[T]; \Theta: scalar, integer, positive; t, \theta: index",
    {"c": c_dl, "Theta": 2.0},
    deltas,
    source="delta (first-order regression) coefficients of a cepstral coefficient over a window of 2 Theta + 1 frames (Young et al., The HTK Book, Sec. 5.9; Furui, 1986, Speaker-Independent Isolated Word Recognition Using Dynamic Features of Speech Spectrum)",
    note="c_t the coefficient at frame t, the entries of c; the result is the vector over the frames t = Theta + 1, ..., T - Theta, where every c_{t +- theta} exists",
)
f_sc = [0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0]
a_sc = rnd(7005, 6, lo=0.1, hi=1.0)
row(
    "spectral_centroid",
    r"\mu_1 = \frac{\sum_{k=1}^{K} f_k \, a_k}{\sum_{k=1}^{K} a_k}",
    "f, a: vector[K]; k: index",
    {"f": f_sc, "a": a_sc},
    lambda f, a: float(np.sum(f * a) / np.sum(a)),
    wrt="a",
    source="the spectral centroid, the first moment of the magnitude spectrum over frequency (Peeters, 2004, A Large Set of Audio Features for Sound Description, Sec. 6.1)",
    note="a_k the amplitude of bin k and f_k its frequency in hertz",
)
row(
    "spectral_flatness",
    r"\mathrm{SFM} = \frac{\left( \prod_{k=1}^{K} a_k \right)^{1/K}}{\frac{1}{K} \sum_{k=1}^{K} a_k}",
    "a: vector[K]; K: dim; k: index",
    {"a": a_sc, "K": 6},
    lambda a, K: float(np.prod(a) ** (1 / K) / (np.sum(a) / K)),
    wrt="a",
    source="spectral flatness, the geometric over the arithmetic mean of the spectrum, near 1 for noise and near 0 for tones (Johnston, 1988, Transform Coding of Audio Signals Using Perceptual Noise Criteria, Sec. III; Peeters, 2004, Sec. 6.1)",
    note="a_k > 0 the power (or amplitude) of bin k",
)
s_si = rnd(7006, 6)
sh_si = (np.asarray(s_si) * 0.8 + 0.2 * np.asarray(rnd(7007, 6))).round(3).tolist()


def si_sdr(s_hat, s):
    alpha = float(s_hat @ s) / float(s @ s)
    return 10 * math.log10(np.sum((alpha * s) ** 2) / np.sum((alpha * s - s_hat) ** 2))


row(
    "si_sdr",
    r"\text{SI-SDR} = 10 \log_{10} \left( \frac{\left\| \frac{\hat{\mathbf{s}}^\top \mathbf{s}}{\|\mathbf{s}\|^2} \mathbf{s} \right\|^2}{\left\| \frac{\hat{\mathbf{s}}^\top \mathbf{s}}{\|\mathbf{s}\|^2} \mathbf{s} - \hat{\mathbf{s}} \right\|^2} \right)",
    r"\hat{s}, s: vector[T]",
    {"s_hat": sh_si, "s": s_si},
    si_sdr,
    wrt=r"\hat{s}",
    key="s_hat",
    source="scale-invariant signal-to-distortion ratio of an estimate s-hat of the reference s, with the optimal scaling alpha = s-hat^T s / ||s||^2 written out (Le Roux, Wisdom, Erdogan and Hershey, 2019, SDR - Half-baked or Well Done?, Sec. 2)",
)
row(
    "mu_law_companding",
    r"f(x_t) = \operatorname{sign}(x_t) \frac{\ln(1 + \mu |x_t|)}{\ln(1 + \mu)}",
    r"x_t: scalar; \mu: scalar, positive",
    {"x_t": 0.3, "mu": 255.0},
    lambda x_t, mu: math.copysign(1.0, x_t) * math.log(1 + mu * abs(x_t)) / math.log(1 + mu),
    wrt="x_t",
    source="the mu-law companding transformation of an audio sample in (-1, 1) before quantizing it to 256 values (van den Oord et al., 2016, WaveNet: A Generative Model for Raw Audio, Sec. 2.2; ITU-T Recommendation G.711)",
)
y_ctc = simplex(7008, 4, 3)


def ctc(y, l):  # noqa: E741
    T, K = y.shape
    blank = K - 1
    target = [int(v) - 1 for v in l]
    total = 0.0
    for path in itertools.product(range(K), repeat=T):
        collapsed = [p for i, p in enumerate(path) if i == 0 or p != path[i - 1]]
        collapsed = [p for p in collapsed if p != blank]
        if collapsed == target:
            total += math.prod(y[t, path[t]] for t in range(T))
    return total


row(
    "ctc_labelling_probability",
    r"p(\mathbf{l} \mid \mathbf{x}) = \sum_{\pi \in \mathcal{B}^{-1}(\mathbf{l})} \prod_{t=1}^{T} y^t_{\pi_t}",
    "y: matrix[T, K]; l: labels[U, K]",
    {"y": y_ctc, "l": [1, 2]},
    ctc,
    wrt="y",
    source="connectionist temporal classification, the probability of a labelling as the total probability of the paths that collapse to it (Graves, Fernandez, Gomez and Schmidhuber, 2006, Connectionist Temporal Classification: Labelling Unsegmented Sequence Data with Recurrent Neural Networks, Eqs. 2-3)",
    note="y^t_k the softmax output of unit k at time t, the entry (t, k) of y; the last of the K units is the blank and the others the labels; B removes repeated labels and then blanks from a path pi of length T, so B^{-1}(l) is every path of T outputs that collapses to l (here l = (1, 2) and T = 4)",
)
V_is = rnd(7009, 2, 3, lo=0.2, hi=2.0)
Vh_is = rnd(7010, 2, 3, lo=0.2, hi=2.0)
row(
    "itakura_saito_divergence",
    r"D_{\mathrm{IS}}(\mathbf{V} \mid \hat{\mathbf{V}}) = \sum_{f=1}^{F} \sum_{n=1}^{N} \left( \frac{v_{fn}}{\hat{v}_{fn}} - \log \frac{v_{fn}}{\hat{v}_{fn}} - 1 \right)",
    r"v, \hat{v}: matrix[F, N]; f, n: index",
    {"v": V_is, "v_hat": Vh_is},
    lambda v, v_hat: float(np.sum(v / v_hat - np.log(v / v_hat) - 1)),
    wrt=r"\hat{v}",
    key="v_hat",
    source="the Itakura-Saito divergence between a power spectrogram V and its approximation V-hat = WH, summed over the time-frequency bins (Fevotte, Bertin and Durrieu, 2009, Nonnegative Matrix Factorization with the Itakura-Saito Divergence: With Application to Music Analysis, Sec. 2)",
    note="v_fn and v-hat_fn the entries of V and V-hat, declared as the matrices v and v-hat",
)
P_ls = rnd(7011, 5, lo=0.1, hi=2.0)
Ph_ls = rnd(7012, 5, lo=0.1, hi=2.0)
row(
    "log_spectral_distance",
    r"\mathrm{LSD} = \sqrt{\frac{1}{K} \sum_{k=1}^{K} \left( 10 \log_{10} \frac{P_k}{\hat{P}_k} \right)^2}",
    r"P, \hat{P}: vector[K]; K: dim; k: index",
    {"P": P_ls, "P_hat": Ph_ls, "K": 5},
    lambda P, P_hat, K: math.sqrt(float(np.sum((10 * np.log10(P / P_hat)) ** 2)) / K),
    wrt=r"\hat{P}",
    key="P_hat",
    source="the root-mean-square log-spectral distance in decibels between a power spectrum and its estimate (Gray and Markel, 1976, Distance Measures for Speech Processing, Sec. II; Rabiner and Juang, 1993, Fundamentals of Speech Recognition, Sec. 4.5)",
)

if __name__ == "__main__":
    A.write()
