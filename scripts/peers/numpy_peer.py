#!/usr/bin/env python3
"""The bench scenario (sweeps/bench.yaml) in vectorised numpy, written as a careful user would:
the "researcher without ticketsweep" peer that ticketsweep is benchmarked against.

All paths advance together and a Python loop runs over slots. Every per-slot array is allocated
once before the loop and written in place (`out=`, `take(..., out=)`, `where=`); the generator is
numpy's fastest (`Generator(SFC64)`), filling preallocated buffers. Within a slot, in the order
of MODEL.md section 10 (and of Sources/TicketModel/PathStep.swift):

1. the draw: a uniformly random pool ticket of each path gets slot t + L (a gather of its price
   and of its code `slot * agents + agent`, the last ticket moved into the hole);
2. the holder of slot t sells it to the builders, builds itself, or misses it. The value and the
   builders' signals are one `standard_normal` call; with equal skills the best and second
   lognormal factors are those of the two largest normals (exp is increasing), so one `exp` over
   three rows gives the value's body, the best factor and the second;
3. sales at the posted price, **only where a sale can happen**: under exact beliefs a class's
   marginal valuation depends on the pool size only, so a table by pool size gives the best
   valuation of one more ticket; a path whose posted price is above it sells nothing, and a slot
   in which no path can sell skips the step and its random numbers. Otherwise the agents are
   served in a fresh random order, one visit per iteration across all paths (a vectorised
   Fisher-Yates step on a persistent (agents, paths) permutation), until no path can sell, the cap
   is reached or every agent was visited. Paths that cannot buy still write a ticket just past
   their live pool, where it is never read: the count alone masks the sale;
4. the EIP-1559 price update, its factor looked up by pool size (the same arithmetic as
   ticketsweep, so the price path agrees to the last bit).

Metrics are per-path totals; per-ticket metrics are sums and sums of squares (`tm.Moments`), not
every ticket; the proposer of each measured slot is logged (int8) and counted per agent (and per
run of the same proposer, for run_share) at the end. Model version 2 (ticket_model.py): the value's
Pareto tail truncated at `max`, exact beliefs by quadrature, the surplus (builder profit plus
payoff) as capture's denominator, shares over proposed slots.

Same model as ticketsweep, not the same random numbers: the results agree in distribution
(check_agreement.py). What it does not implement falls back to ticket_model's plain code or is
refused there (mechanisms other than eip1559 and fixed, non-exact beliefs).

    python3 scripts/peers/numpy_peer.py --quotient 8 --paths 1024 --slots 7200 --seed 1 --json
"""

from __future__ import annotations

import os
import sys
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ticket_model as tm  # noqa: E402

BIT_GENERATORS = {"sfc64": np.random.SFC64, "pcg64dxsm": np.random.PCG64DXSM, "pcg64": np.random.PCG64,
                  "philox": np.random.Philox}


class _Pool:
    """Each path's pool of unassigned tickets: `price` and `code = slot * agents + agent` (the
    slot it was bought in, the buyer), entry `h * paths + p` for ticket `h` of path `p`. Capacity
    doubles when a slot's sales could overflow it, and the valuation tables, indexed by the pool
    size n before a purchase (n = 0 .. capacity), grow with it."""

    def __init__(self, scn: tm.Scenario, paths: int, capacity: int = 256):
        self.scn, self.paths = scn, paths
        self.capacity = 0
        self.price = np.zeros(0)
        self.code = np.zeros(0, dtype=np.int64)
        self.grow(capacity)

    def grow(self, capacity: int) -> None:
        used = self.price.size
        price, code = np.zeros(capacity * self.paths), np.zeros(capacity * self.paths, dtype=np.int64)
        price[:used], code[:used] = self.price, self.code
        self.price, self.code, self.capacity = price, code, capacity
        w = self.scn.marginal(np.arange(1, capacity + 2))  # (capacity + 1, K): w_k(n + 1)
        self.stride = capacity + 1
        self.table = np.ascontiguousarray(w.T).ravel()      # class-major: k * stride + n
        self.best = w.max(axis=1)                           # the best valuation of one more


def simulate(params: dict, paths: int, slots: int, seed: int, scenario: tm.Scenario | None = None,
             generator: str = "sfc64") -> dict:
    """Simulates `paths` paths of `warmup + slots` slots of one grid point.

    `params` is a point's parameters (see `ticket_model.bench_params`); a resolved `scenario`
    with beliefs may be passed instead to reuse its beliefs (otherwise the exact beliefs are
    computed by quadrature, `ticket_model.Scenario.compute_beliefs`). Returns per-path metric arrays of shape (paths,) and, for
    ticket_return, ticket_multiple, ticket_wait and ticket_price (every ticket used in a measured
    slot, all paths pooled), `tm.Moments`. Memory: about paths x (slots + 12 x pool capacity +
    10 x agents) bytes, the proposer log (one byte per path and slot) first."""
    scn = scenario
    if scn is None:
        scn = tm.Scenario(params)
        scn.compute_beliefs()
    if scn.mechanism not in ("eip1559", "fixed"):
        raise ValueError(f"numpy_peer implements eip1559 and fixed pricing, not {scn.mechanism!r}")
    rng = np.random.Generator(BIT_GENERATORS[generator](seed))
    P, A, K = paths, scn.agents, scn.classes
    L = scn.lookahead
    R = L + 1
    warmup, total = scn.warmup, scn.warmup + slots
    cap_sales = scn.sales_cap
    agent_class = scn.agent_class.astype(np.intp)
    extraction = scn.extraction
    no_extraction = bool((extraction == 0).all())
    any_miss = bool((scn.miss_rate > 0).any())
    capped = bool((scn.max_tickets < np.iinfo(np.int64).max).any())
    max_buy = scn.max_buy.astype(np.intp)
    buy_turns = int(max_buy.max())
    ar = np.arange(P)
    offsets = np.arange(A)[:, None] * P + ar    # entry visit * P + p of the order array

    # The value: a standard normal for the body, a fresh uniform for the Pareto tail.
    dist = scn.value
    if dist.kind not in ("lognormal", "lognormal-pareto"):
        raise ValueError(f"numpy_peer implements lognormal(-pareto) values, not {dist.kind!r}")
    z_tail = dist.z_q if dist.kind == "lognormal-pareto" else np.inf
    # The builders: the two largest of B signals (equal skills), each as skill exp(noise z - noise^2 / 2).
    b = scn.builders
    B, noise = int(b["count"]), float(b["noise"])
    skills = np.asarray(b.get("skills") or [1.0] * B, dtype=float)
    if B < 2 or noise <= 0 or not bool((skills == skills[0]).all()):
        raise ValueError("numpy_peer implements two or more builders of equal skill with noise > 0")
    second_price = b.get("auction", "second-price") == "second-price"
    scale = np.array([[dist.sigma], [noise], [noise]])
    shift = np.array([[dist.mu], [np.log(skills[0]) - noise * noise / 2], [np.log(skills[0]) - noise * noise / 2]])

    # The EIP-1559 factor 1 + clip(delta) by pool size (pool target) or by sales (sales target).
    eip1559 = scn.mechanism == "eip1559"
    factor_by_sales = eip1559 and scn.pool_target is None
    if eip1559:
        q = scn.quotient
        if factor_by_sales:
            tau = float(scn.sales_target)
            factor = 1 + (np.arange(cap_sales + 1, dtype=float) - tau) / (tau * q)
        else:
            target = float(scn.pool_target)

            def factor_table(size: int) -> np.ndarray:
                x = (np.arange(size, dtype=float) - target) / (target * q)
                return 1 + np.minimum(np.maximum(x, -1 / q), 1 / q)

    pool = _Pool(scn, P)
    if eip1559 and not factor_by_sales:
        factor = factor_table(pool.capacity + 1)
    pool_n = np.zeros(P, dtype=np.intp)
    ring_code = np.full((R, P), -1, dtype=np.int64)    # -1: nobody holds the slot
    ring_price = np.zeros((R, P))
    held = np.zeros(A * P, dtype=np.int64)             # entry a * P + p; only with ticket caps
    order = np.tile(np.arange(A, dtype=np.intp)[:, None], (1, P))  # a permutation per path (column)
    order_flat = order.ravel()
    price, posted = np.full(P, scn.initial_price), np.empty(P)

    # Buffers of one slot.
    normals = np.empty((B + 1, P))                     # row 0: the value's; rows 1..B: the signals
    sig = normals[1:]
    e = np.zeros((3, P))                               # value, best factor, second factor
    v, best = e[0], e[1]
    pay = e[2] if second_price else np.empty(P)        # first price: the best, shaded
    u, tmp, own, pay_v, payoff, w_row = (np.empty(P) for _ in range(6))
    tail, has, kept, same, willing, active, in_turn = (np.empty(P, dtype=bool) for _ in range(7))
    i_, j_, flat, last, a_, k_, pos, code, wait = (np.empty(P, dtype=np.intp) for _ in range(9))
    sold, prop, prev, run_len = (np.zeros(P, dtype=np.intp) for _ in range(4))
    prev.fill(-1)
    got_p, got_c = np.empty(P), np.empty(P, dtype=np.int64)
    ticket = np.zeros((4, P))                          # return, multiple, wait, price of the slot's tickets

    # Accumulators over the measured slots (per path).
    acc = {name: np.zeros(P) for name in ("value_total", "revenue", "proposer_revenue", "builder_profit",
                                          "lost_value", "price_sum", "price_sumsq", "pool_sum", "pool_sumsq")}
    payoff_by = np.zeros((K, P))   # payoffs of held slots, by class (the last: the remainder)
    spent_by = np.zeros((K, P))    # prices of the tickets used, by class (the last: the remainder)
    empty_n, missed_n, sales_n, longest = (np.zeros(P, dtype=np.int64) for _ in range(4))
    t_sum, t_sq = np.zeros((4, P)), np.zeros((4, P))
    t_count = 0
    log = np.empty((slots, P), dtype=np.int8 if A < 127 else np.int16)  # proposer, -1 for none

    for t in range(total):
        measured = t >= warmup

        # The value and the builders' signals: one normal draw, one exp.
        rng.standard_normal(out=normals)
        np.copyto(e[0], normals[0])
        m1, m2 = e[1], e[2]
        np.maximum(sig[0], sig[1], out=m1)
        np.minimum(sig[0], sig[1], out=m2)
        for r in range(2, B):
            np.minimum(m1, sig[r], out=u)
            np.maximum(m2, u, out=m2)
            np.maximum(m1, sig[r], out=m1)
        e *= scale
        e += shift
        np.exp(e, out=e)
        np.greater(normals[0], z_tail, out=tail)
        where = np.flatnonzero(tail)
        if where.size:
            v[where] = dist.tail_draw(rng.random(where.size))   # the Pareto tail truncated at max
        if not second_price:
            np.multiply(best, 1 - b.get("shade", 0.05), out=pay)

        # 1. The draw: a uniformly random ticket of the pool gets slot t + L (an empty pool: none).
        target = (t + L) % R
        n_max, n_min = int(pool_n.max()), int(pool_n.min())
        if n_max == 0:
            ring_code[target].fill(-1)
        else:
            rng.random(out=u)
            np.multiply(u, pool_n, out=u)
            np.copyto(i_, u, casting="unsafe")           # floor(u n) < n (see the order draw)
            np.subtract(pool_n, 1, out=last)
            if n_min == 0:
                np.maximum(last, 0, out=last)            # an empty pool reads and writes entry 0
            np.multiply(i_, P, out=flat)
            flat += ar
            np.take(pool.price, flat, out=ring_price[target])
            np.take(pool.code, flat, out=ring_code[target])
            last *= P
            last += ar
            np.take(pool.price, last, out=got_p)
            np.take(pool.code, last, out=got_c)
            pool.price[flat] = got_p
            pool.code[flat] = got_c
            if n_min == 0:
                np.greater(pool_n, 0, out=has)
                np.copyto(ring_code[target], -1, where=~has)
                pool_n -= has
            else:
                pool_n -= 1

        # 2. The holder of slot t sells it to the builders, builds itself, or misses it.
        here = t % R
        holder = ring_code[here]
        all_held = int(holder.min()) >= 0
        np.divmod(holder, A, out=(wait, a_))             # wait: the slot it was bought in, for now
        if not all_held:                                 # (-1: agent A - 1, harmless, masked)
            np.greater_equal(holder, 0, out=has)
        np.take(agent_class, a_, out=k_)
        if capped:
            held[a_ * P + ar] -= has if not all_held else 1
        np.multiply(pay, v, out=pay_v)
        if no_extraction:
            np.copyto(payoff, pay_v)
        else:
            np.take(extraction, k_, out=own)
            own *= v
            np.maximum(own, pay_v, out=payoff)
        some_lost = not all_held or any_miss           # kept: proposed by its holder
        if some_lost:
            if any_miss:
                rng.random(out=tmp)
                np.greater_equal(tmp, scn.miss_rate[k_], out=kept)
                if not all_held:
                    kept &= has
            else:
                np.copyto(kept, has)
            payoff *= kept
        if measured:
            acc["value_total"] += v
            acc["proposer_revenue"] += payoff
            # builder profit where the builders bought (pay v >= own: the holder builds itself
            # only when e V > P): best v - pay v; the surplus is this plus the payoff
            np.multiply(best, v, out=tmp)
            tmp -= pay_v
            if not no_extraction:
                np.greater_equal(pay_v, own, out=willing)
                tmp *= willing
            if some_lost:
                tmp *= kept
            acc["builder_profit"] += tmp
            for k in range(K - 1):
                np.equal(k_, k, out=willing)
                np.add(payoff_by[k], payoff, out=payoff_by[k], where=willing)
            if some_lost:
                np.logical_not(kept, out=willing)       # lost: empty or missed
                np.add(acc["lost_value"], v, out=acc["lost_value"], where=willing)
                if not all_held:
                    empty_n += ~has
                    willing &= has
                missed_n += willing
            # the proposer (runs of one agent; an empty or missed slot ends a run)
            np.copyto(prop, a_)
            if some_lost:
                np.copyto(prop, -1, where=~kept)
            log[t - warmup] = prop
            np.equal(prop, prev, out=same)
            run_len *= same
            run_len += 1
            if some_lost:
                run_len *= kept
            np.maximum(longest, run_len, out=longest)
            prev, prop = prop, prev
            # the tickets used this slot (not the empty slots'): return, multiple, wait, price
            paid = ring_price[here]
            # profit.<class> is over the tickets used in measured slots (model version 2): their
            # prices, by class (the last class: the remainder, from the ticket sums)
            for k in range(K - 1):
                np.equal(k_, k, out=same)
                if not all_held:
                    same &= has
                np.add(spent_by[k], paid, out=spent_by[k], where=same)
            np.subtract(payoff, paid, out=ticket[0])
            if all_held:
                np.divide(payoff, paid, out=ticket[1])
            else:
                np.divide(payoff, paid, out=ticket[1], where=has)
            np.subtract(t, wait, out=ticket[2])
            np.copyto(ticket[3], paid)
            if all_held:
                t_count += P
            else:
                ticket *= has
                t_count += int(np.count_nonzero(has))
            t_sum += ticket
            ticket *= ticket
            t_sq += ticket

        # 3. Sales at the posted price, where some agent is willing to buy.
        posted, price = price, posted
        if n_max + cap_sales > pool.capacity:
            pool.grow(2 * pool.capacity)
            if eip1559 and not factor_by_sales:
                factor = factor_table(pool.capacity + 1)
        np.take(pool.best, pool_n, out=w_row)
        np.greater_equal(w_row, posted, out=active)
        sold.fill(0)
        if active.any():
            stride = pool.stride
            for visit in range(A):
                # the visit-th agent of a fresh random order: one Fisher-Yates step per path;
                # floor(u m) < m for u <= 1 - 2^-53 and m <= 2^52, as u m rounds below m
                rng.random(out=u)
                u *= A - visit
                np.copyto(j_, u, casting="unsafe")
                j_ *= P
                j_ += offsets[visit]
                np.take(order_flat, j_, out=a_)
                order_flat[j_] = order[visit]
                order[visit] = a_
                np.take(agent_class, a_, out=k_)
                np.multiply(k_, stride, out=i_)
                np.add(a_, t * A, out=code)
                in_turn = active
                for turn in range(buy_turns):          # max_buy_per_slot purchases at most
                    np.add(i_, pool_n, out=j_)
                    np.take(pool.table, j_, out=w_row)
                    np.greater_equal(w_row, posted, out=willing)
                    willing &= in_turn
                    if turn:
                        willing &= turn < max_buy[k_]
                    if capped:
                        willing &= held[a_ * P + ar] < scn.max_tickets[k_]
                    # every path writes a ticket past its live pool; only buyers count it
                    np.multiply(pool_n, P, out=pos)
                    pos += ar
                    pool.code[pos] = code
                    pool.price[pos] = posted
                    pool_n += willing
                    sold += willing
                    if capped:
                        held[a_ * P + ar] += willing
                    # who goes on: below the cap (at most one sale per visit so far when
                    # buy_turns is 1) and someone willing at the new pool size
                    if buy_turns > 1 or visit + 1 >= cap_sales:
                        np.less(sold, cap_sales, out=same)
                        active &= same
                    np.take(pool.best, pool_n, out=w_row)
                    np.greater_equal(w_row, posted, out=same)
                    active &= same
                    if buy_turns == 1:
                        break
                    in_turn = willing & active
                    if not in_turn.any():
                        break
                if not active.any():
                    break
            if measured:
                np.multiply(posted, sold, out=tmp)
                acc["revenue"] += tmp
                sales_n += sold

        # 4. The price update.
        if eip1559:
            if factor_by_sales:
                np.take(factor, sold, out=tmp)
            else:
                np.take(factor, pool_n, out=tmp)
            np.multiply(posted, tmp, out=price)
            np.maximum(price, scn.min_price, out=price)
        else:
            np.copyto(price, posted)
        if measured:
            acc["price_sum"] += posted
            np.multiply(posted, posted, out=tmp)
            acc["price_sumsq"] += tmp
            acc["pool_sum"] += pool_n
            np.multiply(pool_n, pool_n, out=j_)
            acc["pool_sumsq"] += j_

    # Totals per path in ticket_model's layout.
    counts = np.zeros(P * (A + 1), dtype=np.int64)
    offset = (ar * (A + 1) + 1)[None, :]
    for start in range(0, slots, 512):
        chunk = log[start:start + 512].astype(np.intp) + offset
        counts += np.bincount(chunk.ravel(), minlength=P * (A + 1))
    agent_slots = counts.reshape(P, A + 1)[:, 1:].astype(float)
    # run_share's numerator: proposed slots whose proposer also proposed the previous slot
    run_slots = np.zeros(P, dtype=np.int64)
    for start in range(1, slots, 512):
        stop = min(start + 512, slots)
        now, before = log[start:stop], log[start - 1:stop - 1]
        run_slots += ((now == before) & (now >= 0)).sum(axis=0)
    class_slots = np.stack([agent_slots[:, agent_class == k].sum(axis=1) for k in range(K)], axis=1)
    payoff_by[K - 1] = acc["proposer_revenue"] - payoff_by[: K - 1].sum(axis=0)
    spent_by[K - 1] = t_sum[3] - spent_by[: K - 1].sum(axis=0)   # t_sum[3]: prices of the used tickets
    acc.update(class_profit=(payoff_by - spent_by).T, class_slots=class_slots, agent_slots=agent_slots,
               empty=empty_n, missed=missed_n, sales=sales_n, longest_run=longest, run_slots=run_slots)
    metrics = tm.path_metrics_from_totals(scn, slots, acc)
    for r, name in enumerate(tm.TICKET_METRICS):
        metrics[name] = tm.Moments(t_count, float(t_sum[r].sum()), float(t_sq[r].sum()))
    return metrics


def main(argv=None) -> int:
    ap = tm.argument_parser(__doc__.splitlines()[0])
    ap.add_argument("--generator", choices=sorted(BIT_GENERATORS), default="sfc64",
                    help="numpy bit generator behind Generator (default sfc64, numpy's fastest)")
    args = ap.parse_args(argv)
    scn = tm.scenario_from_args(args)
    cpu = time.process_time()
    metrics, seconds = tm.timed(simulate, scn.params, args.paths, args.slots, args.seed, scenario=scn,
                                generator=args.generator)
    cpu = time.process_time() - cpu
    steps = args.paths * scn.total_slots(args.slots)
    extra = {"numpy": np.__version__, "generator": args.generator, "cpu_seconds": cpu,
             "slot_steps_per_cpu_second": steps / cpu if cpu > 0 else float("inf")}
    tm.emit(tm.report("numpy", args, scn, metrics, seconds, extra), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
