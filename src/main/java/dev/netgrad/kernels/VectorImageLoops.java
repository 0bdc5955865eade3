package dev.netgrad.kernels;

import static dev.netgrad.kernels.Lanes.LANES;
import static dev.netgrad.kernels.Lanes.SPECIES;
import static dev.netgrad.kernels.Lanes.VECTOR;

import dev.netgrad.runtime.ImageLoops;
import dev.netgrad.runtime.PlainImageLoops;
import jdk.incubator.vector.DoubleVector;

/**
 * The loops of the image kernels on SIMD registers, through the Vector API. A convolution is a
 * small matrix product at each output position: out (cOut x m) = W^T (cOut x K) @ the K rows of x
 * under the filter, each row m examples long and read in place (no copy of the patches). So each
 * kernel sums a block of 4 channels by 2 vectors of examples (4 x 16 entries with AVX-512) in 8
 * registers over all the terms of the block, then stores it once, where plain loops load and store
 * out at every term; each pair of x vectors loaded serves 4 channels. The filter gradient sums over
 * examples and positions, so its lanes are output channels instead (on the copies ImageKernels
 * lays out example by example) and a block is 4 rows of filters by 2 vectors of channels. Every
 * lane is one entry adding its terms in the course's order from 0.0, each fused into the sum (a
 * lanewise fused multiply-add, Math.fma's bits): the bits of {@link PlainImageLoops}, which also compute the columns left
 * over after the last whole vector.
 */
final class VectorImageLoops implements ImageLoops {

    private final PlainImageLoops plain = new PlainImageLoops();
    private final VectorPools pools = new VectorPools(plain);

    @Override
    public void conv2d(double[] x, double[] w, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd, int cIn,
            int f, int cOut, int outH, int outW, int stride, int pad) {
        int vectorEnd = from + (to - from) / LANES * LANES;
        for (int oi = rowFrom; oi < rowTo; oi++) {
            int i0 = oi * stride - pad;
            int aLo = Math.max(0, -i0);
            int aHi = Math.min(f, h - i0);
            for (int oj = 0; oj < outW; oj++) {
                int j0 = oj * stride - pad;
                int bLo = Math.max(0, -j0);
                int bHi = Math.min(f, wd - j0);
                // The window's pixels inside the image: for each filter row a, a run of (bHi - bLo) cIn
                // consecutive rows of x and of w, the next run wd cIn rows further in x, f cIn in w.
                int run = Math.max(0, bHi - bLo) * cIn;
                int terms = Math.max(0, aHi - aLo) * run;
                int xRow = ((i0 + aLo) * wd + j0 + bLo) * cIn;
                int wRow = (aLo * f + bLo) * cIn;
                int outRow = (oi * outW + oj) * cOut;
                int e = from;
                for (; e + 2 * LANES <= vectorEnd; e += 2 * LANES) {
                    int co = 0;
                    for (; co + 4 <= cOut; co += 4) {
                        convFourChannels(x, w, out, m, (outRow + co) * m + e, xRow * m + e, wRow * cOut + co, cOut, run, terms,
                                (wd * cIn - run) * m, (f * cIn - run) * cOut);
                    }
                    for (; co < cOut; co++) {
                        for (int v = e; v < e + 2 * LANES; v += LANES) {
                            convOneChannel(x, w, out, m, (outRow + co) * m + v, xRow * m + v, wRow * cOut + co, cOut, run, terms,
                                    (wd * cIn - run) * m, (f * cIn - run) * cOut);
                        }
                    }
                }
                for (; e < vectorEnd; e += LANES) {
                    for (int co = 0; co < cOut; co++) {
                        convOneChannel(x, w, out, m, (outRow + co) * m + e, xRow * m + e, wRow * cOut + co, cOut, run, terms,
                                (wd * cIn - run) * m, (f * cIn - run) * cOut);
                    }
                }
            }
        }
        if (vectorEnd < to) {
            plain.conv2d(x, w, out, m, rowFrom, rowTo, vectorEnd, to, h, wd, cIn, f, cOut, outH, outW, stride, pad);
        }
    }

    /**
     * Channels co .. co + 3 of one output position (out row o and the 3 after it), 2 vectors of
     * examples, summed over the window's terms in (a, b, ci) order: x from xr, w from wr, each term
     * one row further, and after each run of terms a jump to the next filter row. One loop with a
     * counter rather than nested loops: the Vector API of JDK 17 keeps vectors in registers across
     * one loop but boxes them on the heap when they flow through loops nested in loops.
     */
    private static void convFourChannels(double[] x, double[] w, double[] out, int m, int o, int xr, int wr, int cOut, int run,
            int terms, int xJump, int wJump) {
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        for (int t = 0, left = run; t < terms; t++) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, x, xr);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, x, xr + LANES);
            DoubleVector k = DoubleVector.broadcast(SPECIES, w[wr]);
            s00 = x0.fma(k, s00);
            s01 = x1.fma(k, s01);
            k = DoubleVector.broadcast(SPECIES, w[wr + 1]);
            s10 = x0.fma(k, s10);
            s11 = x1.fma(k, s11);
            k = DoubleVector.broadcast(SPECIES, w[wr + 2]);
            s20 = x0.fma(k, s20);
            s21 = x1.fma(k, s21);
            k = DoubleVector.broadcast(SPECIES, w[wr + 3]);
            s30 = x0.fma(k, s30);
            s31 = x1.fma(k, s31);
            xr += m;
            wr += cOut;
            if (--left == 0) {
                left = run;
                xr += xJump;
                wr += wJump;
            }
        }
        ((DoubleVector) VECTOR.cast(s00)).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s01)).intoArray(out, o + LANES);
        ((DoubleVector) VECTOR.cast(s10)).intoArray(out, o + m);
        ((DoubleVector) VECTOR.cast(s11)).intoArray(out, o + m + LANES);
        ((DoubleVector) VECTOR.cast(s20)).intoArray(out, o + 2 * m);
        ((DoubleVector) VECTOR.cast(s21)).intoArray(out, o + 2 * m + LANES);
        ((DoubleVector) VECTOR.cast(s30)).intoArray(out, o + 3 * m);
        ((DoubleVector) VECTOR.cast(s31)).intoArray(out, o + 3 * m + LANES);
    }

    /** One channel of one output position, one vector of examples: the same walk as {@link #convFourChannels}. */
    private static void convOneChannel(double[] x, double[] w, double[] out, int m, int o, int xr, int wr, int cOut, int run,
            int terms, int xJump, int wJump) {
        DoubleVector s = DoubleVector.zero(SPECIES);
        for (int t = 0, left = run; t < terms; t++) {
            s = DoubleVector.fromArray(SPECIES, x, xr).fma(DoubleVector.broadcast(SPECIES, w[wr]), s);
            xr += m;
            wr += cOut;
            if (--left == 0) {
                left = run;
                xr += xJump;
                wr += wJump;
            }
        }
        ((DoubleVector) VECTOR.cast(s)).intoArray(out, o);
    }

    @Override
    public void conv2dInput(double[] g, double[] w, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd,
            int cIn, int f, int cOut, int outH, int outW, int stride, int pad) {
        int vectorEnd = from + (to - from) / LANES * LANES;
        for (int i = rowFrom; i < rowTo; i++) {
            // The output rows whose windows cover pixel row i: a = i + pad - oi stride in [0, f).
            int oiLo = Math.max(0, -Math.floorDiv(-(i + pad - f + 1), stride));
            int oiHi = Math.min(outH - 1, Math.floorDiv(i + pad, stride));
            for (int j = 0; j < wd; j++) {
                int ojLo = Math.max(0, -Math.floorDiv(-(j + pad - f + 1), stride));
                int ojHi = Math.min(outW - 1, Math.floorDiv(j + pad, stride));
                int across = Math.max(0, ojHi - ojLo + 1);
                int terms = Math.max(0, oiHi - oiLo + 1) * across * cOut;
                int gRow = (oiLo * outW + ojLo) * cOut;
                int wRow = ((i + pad - oiLo * stride) * f + j + pad - ojLo * stride) * cIn;
                int inRow = (i * wd + j) * cIn;
                int e = from;
                for (; e + 2 * LANES <= vectorEnd; e += 2 * LANES) {
                    int ci = 0;
                    for (; ci + 4 <= cIn; ci += 4) {
                        inputFourChannels(g, w, out, m, (inRow + ci) * m + e, gRow * m + e, (wRow + ci) * cOut, cOut, across,
                                terms, outW * cOut * m, stride * cIn * cOut, stride * f * cIn * cOut);
                    }
                    for (; ci < cIn; ci++) {
                        for (int v = e; v < e + 2 * LANES; v += LANES) {
                            inputOneChannel(g, w, out, m, (inRow + ci) * m + v, gRow * m + v, (wRow + ci) * cOut, cOut, across,
                                    terms, outW * cOut * m, stride * cIn * cOut, stride * f * cIn * cOut);
                        }
                    }
                }
                for (; e < vectorEnd; e += LANES) {
                    for (int ci = 0; ci < cIn; ci++) {
                        inputOneChannel(g, w, out, m, (inRow + ci) * m + e, gRow * m + e, (wRow + ci) * cOut, cOut, across,
                                terms, outW * cOut * m, stride * cIn * cOut, stride * f * cIn * cOut);
                    }
                }
            }
        }
        if (vectorEnd < to) {
            plain.conv2dInput(g, w, out, m, rowFrom, rowTo, vectorEnd, to, h, wd, cIn, f, cOut, outH, outW, stride, pad);
        }
    }

    /**
     * Input channels ci .. ci + 3 of one pixel (out row o and the 3 after it), 2 vectors of
     * examples: the terms of every output position whose window covers the pixel, in (oi, oj, co)
     * order. Along a row of positions, g's rows follow one another (gr one row further a term);
     * w moves to the next channel a term and stride cIn cOut back at each next position (its
     * filter column b is stride smaller), stride f cIn cOut back at each next row of positions.
     */
    private static void inputFourChannels(double[] g, double[] w, double[] out, int m, int o, int gr, int wr, int cOut, int across,
            int terms, int gRowStep, int wColumnStep, int wRowStep) {
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        int gRowStart = gr;
        int wRowStart = wr;
        int wPosition = wr;
        int c1 = cOut;
        int c2 = 2 * cOut;
        int c3 = 3 * cOut;
        for (int t = 0, channels = cOut, positions = across; t < terms; t++) {
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, g, gr);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, g, gr + LANES);
            DoubleVector k = DoubleVector.broadcast(SPECIES, w[wr]);
            s00 = k.fma(g0, s00);
            s01 = k.fma(g1, s01);
            k = DoubleVector.broadcast(SPECIES, w[wr + c1]);
            s10 = k.fma(g0, s10);
            s11 = k.fma(g1, s11);
            k = DoubleVector.broadcast(SPECIES, w[wr + c2]);
            s20 = k.fma(g0, s20);
            s21 = k.fma(g1, s21);
            k = DoubleVector.broadcast(SPECIES, w[wr + c3]);
            s30 = k.fma(g0, s30);
            s31 = k.fma(g1, s31);
            gr += m;
            wr++;
            if (--channels == 0) {
                channels = cOut;
                if (--positions == 0) {
                    positions = across;
                    gRowStart += gRowStep;
                    gr = gRowStart;
                    wRowStart -= wRowStep;
                    wPosition = wRowStart;
                } else {
                    wPosition -= wColumnStep;
                }
                wr = wPosition;
            }
        }
        ((DoubleVector) VECTOR.cast(s00)).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s01)).intoArray(out, o + LANES);
        ((DoubleVector) VECTOR.cast(s10)).intoArray(out, o + m);
        ((DoubleVector) VECTOR.cast(s11)).intoArray(out, o + m + LANES);
        ((DoubleVector) VECTOR.cast(s20)).intoArray(out, o + 2 * m);
        ((DoubleVector) VECTOR.cast(s21)).intoArray(out, o + 2 * m + LANES);
        ((DoubleVector) VECTOR.cast(s30)).intoArray(out, o + 3 * m);
        ((DoubleVector) VECTOR.cast(s31)).intoArray(out, o + 3 * m + LANES);
    }

    /** One input channel of one pixel, one vector of examples: the same walk as {@link #inputFourChannels}. */
    private static void inputOneChannel(double[] g, double[] w, double[] out, int m, int o, int gr, int wr, int cOut, int across,
            int terms, int gRowStep, int wColumnStep, int wRowStep) {
        DoubleVector s = DoubleVector.zero(SPECIES);
        int gRowStart = gr;
        int wRowStart = wr;
        int wPosition = wr;
        for (int t = 0, channels = cOut, positions = across; t < terms; t++) {
            s = DoubleVector.broadcast(SPECIES, w[wr]).fma(DoubleVector.fromArray(SPECIES, g, gr), s);
            gr += m;
            wr++;
            if (--channels == 0) {
                channels = cOut;
                if (--positions == 0) {
                    positions = across;
                    gRowStart += gRowStep;
                    gr = gRowStart;
                    wRowStart -= wRowStep;
                    wPosition = wRowStart;
                } else {
                    wPosition -= wColumnStep;
                }
                wr = wPosition;
            }
        }
        ((DoubleVector) VECTOR.cast(s)).intoArray(out, o);
    }

    /**
     * Rows from .. to - 1 of the filters. A row r = (a, b, ci) reads pixel (oi stride + a, oj
     * stride + b), channel ci of the padded copy: at a fixed offset from each position's top-left
     * pixel, so the rows of a block walk the positions together; g's copy is read one position
     * after the other, example after example.
     */
    @Override
    public void conv2dWeight(double[] padded, double[] gByExample, double[] out, int m, int from, int to, int h, int wd, int cIn,
            int f, int cOut, int outH, int outW, int stride, int pad) {
        int hp = h + 2 * pad;
        int wp = wd + 2 * pad;
        int terms = m * outH * outW;
        int pStep = stride * cIn;
        int rowStep = stride * wp * cIn;
        int exampleStep = ImageLoops.exampleStride(hp * wp * cIn);
        int gExampleStep = ImageLoops.exampleStride(outH * outW * cOut);
        int co = 0;
        for (; co + 2 * LANES <= cOut; co += 2 * LANES) {
            int r = from;
            for (; r + 4 <= to; r += 4) {
                weightFourRowsTwoVectors(padded, gByExample, out, r, co, cOut, wp, cIn, f, terms, outW, outH, pStep, rowStep, exampleStep,
                        gExampleStep);
            }
            for (; r < to; r++) {
                weightOneRow(padded, gByExample, out, r, co, cOut, wp, cIn, f, terms, outW, outH, pStep, rowStep, exampleStep,
                        gExampleStep);
                weightOneRow(padded, gByExample, out, r, co + LANES, cOut, wp, cIn, f, terms, outW, outH, pStep, rowStep, exampleStep,
                        gExampleStep);
            }
        }
        for (; co + LANES <= cOut; co += LANES) {
            int r = from;
            for (; r + 4 <= to; r += 4) {
                weightFourRowsOneVector(padded, gByExample, out, r, co, cOut, wp, cIn, f, terms, outW, outH, pStep, rowStep, exampleStep,
                        gExampleStep);
            }
            for (; r < to; r++) {
                weightOneRow(padded, gByExample, out, r, co, cOut, wp, cIn, f, terms, outW, outH, pStep, rowStep, exampleStep,
                        gExampleStep);
            }
        }
        for (; co < cOut; co++) {
            for (int r = from; r < to; r++) {
                weightOneEntry(padded, gByExample, out, r, co, cOut, wp, cIn, f, terms, outW, outH, pStep, rowStep, exampleStep,
                        gExampleStep);
            }
        }
    }

    /** Where row r = (a, b, ci) of the filters reads in the padded copy, from a position's top-left pixel. */
    private static int offset(int r, int wp, int cIn, int f) {
        return (r / (f * cIn) * wp + r / cIn % f) * cIn + r % cIn;
    }

    /**
     * Rows r .. r + 3 of the filters, channels co .. co + 2 LANES - 1: the terms of every example,
     * then position, walked in one loop with counters (see {@link #convFourChannels}): p is the
     * top-left pixel of the position in the padded copy, gr its channel co in g's copy.
     */
    private static void weightFourRowsTwoVectors(double[] x, double[] g, double[] out, int r, int co, int cOut, int wp, int cIn,
            int f, int terms, int outW, int outH, int pStep, int rowStep, int exampleStep,
            int gExampleStep) {
        int x0 = offset(r, wp, cIn, f);
        int x1 = offset(r + 1, wp, cIn, f);
        int x2 = offset(r + 2, wp, cIn, f);
        int x3 = offset(r + 3, wp, cIn, f);
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        int p = 0;
        int pRow = 0;
        int pExample = 0;
        int gr = co;
        int gExample = co;
        for (int t = 0, across = outW, down = outH; t < terms; t++) {
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, g, gr);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, g, gr + LANES);
            DoubleVector k = DoubleVector.broadcast(SPECIES, x[p + x0]);
            s00 = k.fma(g0, s00);
            s01 = k.fma(g1, s01);
            k = DoubleVector.broadcast(SPECIES, x[p + x1]);
            s10 = k.fma(g0, s10);
            s11 = k.fma(g1, s11);
            k = DoubleVector.broadcast(SPECIES, x[p + x2]);
            s20 = k.fma(g0, s20);
            s21 = k.fma(g1, s21);
            k = DoubleVector.broadcast(SPECIES, x[p + x3]);
            s30 = k.fma(g0, s30);
            s31 = k.fma(g1, s31);
            gr += cOut;
            p += pStep;
            if (--across == 0) {
                across = outW;
                if (--down == 0) {
                    down = outH;
                    pExample += exampleStep;
                    pRow = pExample;
                    gExample += gExampleStep;
                    gr = gExample;
                } else {
                    pRow += rowStep;
                }
                p = pRow;
            }
        }
        int o = r * cOut + co;
        ((DoubleVector) VECTOR.cast(s00)).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s01)).intoArray(out, o + LANES);
        ((DoubleVector) VECTOR.cast(s10)).intoArray(out, o + cOut);
        ((DoubleVector) VECTOR.cast(s11)).intoArray(out, o + cOut + LANES);
        ((DoubleVector) VECTOR.cast(s20)).intoArray(out, o + 2 * cOut);
        ((DoubleVector) VECTOR.cast(s21)).intoArray(out, o + 2 * cOut + LANES);
        ((DoubleVector) VECTOR.cast(s30)).intoArray(out, o + 3 * cOut);
        ((DoubleVector) VECTOR.cast(s31)).intoArray(out, o + 3 * cOut + LANES);
    }

    /** Rows r .. r + 3 of the filters, channels co .. co + LANES - 1: the walk of {@link #weightFourRowsTwoVectors}. */
    private static void weightFourRowsOneVector(double[] x, double[] g, double[] out, int r, int co, int cOut, int wp, int cIn,
            int f, int terms, int outW, int outH, int pStep, int rowStep, int exampleStep,
            int gExampleStep) {
        int x0 = offset(r, wp, cIn, f);
        int x1 = offset(r + 1, wp, cIn, f);
        int x2 = offset(r + 2, wp, cIn, f);
        int x3 = offset(r + 3, wp, cIn, f);
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int p = 0;
        int pRow = 0;
        int pExample = 0;
        int gr = co;
        int gExample = co;
        for (int t = 0, across = outW, down = outH; t < terms; t++) {
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, g, gr);
            s0 = DoubleVector.broadcast(SPECIES, x[p + x0]).fma(g0, s0);
            s1 = DoubleVector.broadcast(SPECIES, x[p + x1]).fma(g0, s1);
            s2 = DoubleVector.broadcast(SPECIES, x[p + x2]).fma(g0, s2);
            s3 = DoubleVector.broadcast(SPECIES, x[p + x3]).fma(g0, s3);
            gr += cOut;
            p += pStep;
            if (--across == 0) {
                across = outW;
                if (--down == 0) {
                    down = outH;
                    pExample += exampleStep;
                    pRow = pExample;
                    gExample += gExampleStep;
                    gr = gExample;
                } else {
                    pRow += rowStep;
                }
                p = pRow;
            }
        }
        int o = r * cOut + co;
        ((DoubleVector) VECTOR.cast(s0)).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s1)).intoArray(out, o + cOut);
        ((DoubleVector) VECTOR.cast(s2)).intoArray(out, o + 2 * cOut);
        ((DoubleVector) VECTOR.cast(s3)).intoArray(out, o + 3 * cOut);
    }

    /** Row r of the filters, channels co .. co + LANES - 1. */
    private static void weightOneRow(double[] x, double[] g, double[] out, int r, int co, int cOut, int wp, int cIn, int f,
            int terms, int outW, int outH, int pStep, int rowStep, int exampleStep,
            int gExampleStep) {
        int x0 = offset(r, wp, cIn, f);
        DoubleVector s = DoubleVector.zero(SPECIES);
        int p = 0;
        int pRow = 0;
        int pExample = 0;
        int gr = co;
        int gExample = co;
        for (int t = 0, across = outW, down = outH; t < terms; t++) {
            s = DoubleVector.broadcast(SPECIES, x[p + x0]).fma(DoubleVector.fromArray(SPECIES, g, gr), s);
            gr += cOut;
            p += pStep;
            if (--across == 0) {
                across = outW;
                if (--down == 0) {
                    down = outH;
                    pExample += exampleStep;
                    pRow = pExample;
                    gExample += gExampleStep;
                    gr = gExample;
                } else {
                    pRow += rowStep;
                }
                p = pRow;
            }
        }
        ((DoubleVector) VECTOR.cast(s)).intoArray(out, r * cOut + co);
    }

    /** Entry (r, co) of the filters alone: the channels left over after the last whole vector. */
    private static void weightOneEntry(double[] x, double[] g, double[] out, int r, int co, int cOut, int wp, int cIn, int f,
            int terms, int outW, int outH, int pStep, int rowStep, int exampleStep,
            int gExampleStep) {
        int x0 = offset(r, wp, cIn, f);
        double s = 0.0;
        int p = 0;
        int pRow = 0;
        int pExample = 0;
        int gr = co;
        int gExample = co;
        for (int t = 0, across = outW, down = outH; t < terms; t++) {
            s = Math.fma(x[p + x0], g[gr], s);
            gr += cOut;
            p += pStep;
            if (--across == 0) {
                across = outW;
                if (--down == 0) {
                    down = outH;
                    pExample += exampleStep;
                    pRow = pExample;
                    gExample += gExampleStep;
                    gr = gExample;
                } else {
                    pRow += rowStep;
                }
                p = pRow;
            }
        }
        out[r * cOut + co] = s;
    }

    @Override
    public void pool(boolean max, double[] x, double[] out, int m, int rowFrom, int rowTo, int from, int to, int wd, int c, int f,
            int outH, int outW, int stride) {
        pools.pool(max, x, out, m, rowFrom, rowTo, from, to, wd, c, f, outH, outW, stride);
    }

    @Override
    public void maxpoolInput(double[] g, double[] x, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd,
            int c, int f, int outH, int outW, int stride) {
        pools.maxpoolInput(g, x, out, m, rowFrom, rowTo, from, to, h, wd, c, f, outH, outW, stride);
    }
}
