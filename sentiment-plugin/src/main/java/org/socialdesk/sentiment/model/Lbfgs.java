package org.socialdesk.sentiment.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntConsumer;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu and Nocedal 1989) with a backtracking Armijo line search,
 * for smooth convex objectives such as L2-regularised logistic regression. Deterministic.
 */
final class Lbfgs {
  /** An objective: fills {@code gradient} at {@code x} and returns the value there. */
  interface Objective {
    double evaluate(double[] x, double[] gradient);
  }

  record Result(double value, int iterations, int evaluations) {}

  private final int memory;
  private final int maxIterations;
  private final double tolerance;

  /**
   * @param memory number of correction pairs kept (5-10 is usual)
   * @param maxIterations iteration cap
   * @param tolerance stop when the relative decrease of the objective over 3 iterations is below it
   */
  Lbfgs(int memory, int maxIterations, double tolerance) {
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  /** Minimises {@code f} starting from (and overwriting) {@code x}. */
  Result minimize(Objective f, double[] x, IntConsumer progress) {
    int n = x.length;
    double[] g = new double[n];
    double[] gNew = new double[n];
    double[] xNew = new double[n];
    double[] d = new double[n];
    double fx = f.evaluate(x, g);
    int evaluations = 1;
    Deque<double[][]> pairs = new ArrayDeque<>(); // {s, y, {rho}}
    double[] history = new double[maxIterations + 1];
    history[0] = fx;
    int iter = 0;
    while (iter < maxIterations) {
      direction(g, pairs, d);
      double gd = dot(g, d);
      if (gd >= 0) { // not a descent direction: restart from steepest descent
        pairs.clear();
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        gd = dot(g, d);
      }
      if (gd == 0) {
        break;
      }
      double step = pairs.isEmpty() ? 1.0 / Math.sqrt(-gd) : 1.0;
      double fNew;
      int tries = 0;
      while (true) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + step * d[i];
        }
        fNew = f.evaluate(xNew, gNew);
        evaluations++;
        if (fNew <= fx + 1e-4 * step * gd || ++tries >= 30) {
          break;
        }
        step *= 0.5;
      }
      if (!(fNew <= fx)) {
        break; // line search failed to decrease: at the numerical optimum
      }
      // Reuse the oldest pair's arrays once the memory is full (they are 8 bytes x n each).
      double[][] recycled = pairs.size() == memory ? pairs.removeFirst() : null;
      double[] s = recycled != null ? recycled[0] : new double[n];
      double[] y = recycled != null ? recycled[1] : new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-12) {
        pairs.addLast(new double[][] {s, y, {1.0 / sy}});
      }
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      iter++;
      history[iter] = fx;
      if (progress != null) {
        progress.accept(iter);
      }
      if (iter >= 3 && (history[iter - 3] - fx) / Math.max(1.0, Math.abs(fx)) < tolerance) {
        break;
      }
    }
    return new Result(fx, iter, evaluations);
  }

  /** Two-loop recursion: d = -H g. */
  private static void direction(double[] g, Deque<double[][]> pairs, double[] d) {
    int n = g.length;
    for (int i = 0; i < n; i++) {
      d[i] = -g[i];
    }
    if (pairs.isEmpty()) {
      return;
    }
    double[] alpha = new double[pairs.size()];
    int k = pairs.size() - 1;
    var desc = pairs.descendingIterator();
    while (desc.hasNext()) {
      double[][] p = desc.next();
      alpha[k] = p[2][0] * dot(p[0], d);
      axpy(-alpha[k], p[1], d);
      k--;
    }
    double[][] last = pairs.peekLast();
    double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
    for (int i = 0; i < n; i++) {
      d[i] *= gamma;
    }
    k = 0;
    for (double[][] p : pairs) {
      double beta = p[2][0] * dot(p[1], d);
      axpy(alpha[k] - beta, p[0], d);
      k++;
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }
}
