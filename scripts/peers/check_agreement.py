#!/usr/bin/env python3
"""Checks that a peer's metric means agree with ticketsweep's within sampling error.

    python3 scripts/peers/check_agreement.py RESULTS_DIR PEER.json [PEER.json ...] [--sigmas 4]

RESULTS_DIR is a ticketsweep results folder (`summary.csv`: per point and metric the mean and
se; `points.csv`: point -> `pricing.quotient`). Each PEER.json is the `--json` output of
numpy_peer.py or radcad_peer.py for one quotient (per metric: mean and se over paths, or over
tickets for the per-ticket metrics). For every metric both report, the difference of the means
must be within `--sigmas` (4) combined standard errors sqrt(se_ts^2 + se_peer^2); where only one
side's se is 0 (all its paths equal, which a discrete metric does by chance over few paths), the
other side's per-path spread stands in for it (se_other * sqrt(n_other / n_this)). Metrics with
both se 0 (the same on every path: with bang-bang demand the price and pool paths do not depend
on the random numbers) must agree exactly, up to floating-point rounding (relative 1e-9).
`capture_pooled` (one row per point in ticketsweep's summary, the delta-method SE) is compared like
the others. The peer's exact beliefs (pi and Var R per class, by quadrature) must equal those in
ticketsweep's run.json to relative 1e-8 (both are deterministic: model version 2).

Prints one table per peer file; exits 0 when everything agrees, 1 on a disagreement, 2 on bad
input (missing files, no point with the peer's quotient, a different number of slots).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys

ROUNDING = 1e-9


def read_results(folder: str):
    points_path = os.path.join(folder, "points.csv")
    summary_path = os.path.join(folder, "summary.csv")
    for path in (points_path, summary_path):
        if not os.path.isfile(path):
            raise SystemExit(f"check_agreement: {path}: no such file (is {folder} a reduced results folder?)")
    with open(points_path, newline="") as f:
        points = list(csv.DictReader(f))
    summary: dict = {}
    with open(summary_path, newline="") as f:
        for row in csv.DictReader(f):
            summary.setdefault(row["point"], {})[row["metric"]] = {
                "mean": float(row["mean"]), "se": float(row["se"]), "count": int(row["count"])}
    manifest = {}
    manifest_path = os.path.join(folder, "manifest.yaml")
    if os.path.isfile(manifest_path):
        text = open(manifest_path).read()
        for key in ("slots", "seed", "replications"):
            m = re.search(rf"^{key}:\s*(\d+)", text, re.M)
            if m:
                manifest[key] = int(m.group(1))
    beliefs = {}
    run_path = os.path.join(folder, "run.json")
    if os.path.isfile(run_path):
        try:
            for record in json.load(open(run_path)).get("beliefs", []):
                beliefs[str(record["point"])] = record["classes"]
        except (OSError, ValueError, KeyError, TypeError):
            beliefs = {}
    return points, summary, manifest, beliefs


BELIEF_TOLERANCE = 1e-8


def compare_beliefs(ts: dict, peer: dict) -> list:
    """Lines naming every class whose pi or Var R differ by more than BELIEF_TOLERANCE (relative)."""
    bad = []
    for name, b in ts.items():
        for key, peer_key in (("mean", "mean"), ("variance", "variance")):
            a, c = b.get(key), peer.get(peer_key, {}).get(name)
            if a is None or c is None or not math.isclose(a, c, rel_tol=BELIEF_TOLERANCE, abs_tol=1e-300):
                bad.append(f"{name}.{key}: ticketsweep {a}, peer {c}")
    return bad


def point_of(points: list, quotient: float) -> str | None:
    for row in points:
        q = row.get("pricing.quotient")
        if q not in (None, "") and math.isclose(float(q), quotient, rel_tol=1e-12):
            return row["point"]
    if len(points) == 1 and "pricing.quotient" not in points[0]:
        return points[0]["point"]
    return None


def compare(ts: dict, peer: dict, sigmas: float):
    """Rows (metric, ts mean, ts se, peer mean, peer se, z, verdict) and whether all agree."""
    rows, ok = [], True
    for name in [m for m in ts if m in peer]:
        a, b = ts[name], peer[name]
        ma, sa, mb, sb = a["mean"], a["se"], b["mean"], b["se"]
        if math.isnan(ma) and math.isnan(mb):
            rows.append((name, ma, sa, mb, sb, math.nan, "skip (no values)"))
            continue
        if math.isnan(sa) or math.isnan(sb):
            rows.append((name, ma, sa, mb, sb, math.nan, "skip (se undefined)"))
            continue
        note = ""
        if (sa == 0) != (sb == 0):
            # One side's values are all equal: with few paths a discrete metric does that by
            # chance (longest_run is 3 on all 16 radCAD paths, 2-4 over ticketsweep's 2048), and
            # its se of 0 is then no estimate. Use the other side's per-path spread instead,
            # se * sqrt(n_other / n_this).
            na, nb = a.get("count", 0), b.get("count", 0)
            if sa == 0 and na > 0 and nb > 0:
                sa, note = sb * math.sqrt(nb / na), " (ts se 0: peer's spread)"
            elif sb == 0 and na > 0 and nb > 0:
                sb, note = sa * math.sqrt(na / nb), " (peer se 0: ticketsweep's spread)"
        combined = math.hypot(sa, sb)
        diff = mb - ma
        if combined == 0:
            exact = abs(diff) <= ROUNDING * max(abs(ma), abs(mb)) or diff == 0
            verdict = "exact" if exact else "DIFFERS (both se 0)"
            ok &= exact
            rows.append((name, ma, sa, mb, sb, math.nan if exact else math.inf, verdict))
            continue
        z = diff / combined
        agree = abs(z) <= sigmas
        ok &= agree
        rows.append((name, ma, a["se"], mb, b["se"], z, ("ok" if agree else f"DIFFERS (> {sigmas:g} se)") + note))
    return rows, ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results", help="ticketsweep results folder")
    ap.add_argument("peers", nargs="+", help="peer JSON outputs (numpy_peer.py / radcad_peer.py --json)")
    ap.add_argument("--sigmas", type=float, default=4.0, help="tolerance in combined standard errors (4)")
    args = ap.parse_args(argv)
    try:
        points, summary, manifest, ts_beliefs = read_results(args.results)
    except SystemExit as e:
        print(e, file=sys.stderr)
        return 2
    all_ok = True
    for path in args.peers:
        try:
            rep = json.load(open(path))
        except (OSError, ValueError) as e:
            print(f"check_agreement: {path}: {e}", file=sys.stderr)
            return 2
        point = point_of(points, float(rep["quotient"]))
        if point is None or point not in summary:
            print(f"check_agreement: {args.results} has no point with pricing.quotient = {rep['quotient']}", file=sys.stderr)
            return 2
        if "slots" in manifest and manifest["slots"] != rep["slots"]:
            print(f"check_agreement: {path} simulates {rep['slots']} slots, the results folder {manifest['slots']}",
                  file=sys.stderr)
            return 2
        beliefs = rep.get("beliefs", {})
        if rep.get("model") != 2:
            print(f"check_agreement: {path} is not a model-version-2 peer report (no \"model\": 2); rerun the peer",
                  file=sys.stderr)
            return 2
        belief_errors = compare_beliefs(ts_beliefs.get(point, {}), beliefs) if point in ts_beliefs else []
        if point not in ts_beliefs:
            print(f"check_agreement: warning: {args.results}/run.json has no beliefs of point {point}", file=sys.stderr)
        if rep["paths"] < 8:
            print(f"check_agreement: warning: {path} has {rep['paths']} paths: its standard errors are too uncertain"
                  f" for a {args.sigmas:g}-se test to mean much (use 8 or more)", file=sys.stderr)
        rows, ok = compare(summary[point], rep["metrics"], args.sigmas)
        ok &= not belief_errors
        all_ok &= ok
        ts_paths = next(iter(summary[point].values()))["count"]
        print(f"{path}: {rep['peer']}, quotient {rep['quotient']:g}, {rep['paths']} paths vs ticketsweep point {point}"
              f" ({ts_paths} paths), {rep['slots']} slots: {'AGREE' if ok else 'DISAGREE'}")
        print("  beliefs: " + ("equal to ticketsweep's (relative 1e-8)" if point in ts_beliefs and not belief_errors
                               else "; ".join(belief_errors) if belief_errors else "not in run.json"))
        print(f"  {'metric':<22} {'ticketsweep':>13} {'se':>10} {'peer':>13} {'se':>10} {'z':>7}  verdict")
        for name, ma, sa, mb, sb, z, verdict in rows:
            zt = "" if math.isnan(z) else ("inf" if math.isinf(z) else f"{z:+.2f}")
            print(f"  {name:<22} {ma:>13.6g} {sa:>10.3g} {mb:>13.6g} {sb:>10.3g} {zt:>7}  {verdict}")
        zs = [abs(z) for *_, z, _ in rows if not math.isnan(z)]
        exact = sum(1 for *_, verdict in rows if verdict == "exact")
        print(f"  {len(zs)} metrics compared in standard errors (largest |z| {max(zs, default=0):.2f}),"
              f" {exact} exactly (se 0 in both), {len(rows) - len(zs) - exact} skipped")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
