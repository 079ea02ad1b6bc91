#!/usr/bin/env python3
"""The bench scenario (sweeps/bench.yaml) in vectorised numpy: the "researcher without
ticketsweep" peer that ticketsweep is benchmarked against.

All paths advance together: the state is arrays of shape (paths,) and (paths, capacity), and a
Python loop runs over slots. Within a slot, in the order of MODEL.md section 10:

1. the draw: a uniformly random pool ticket of each path gets slot t + L (fancy indexing);
2. the holder of slot t sells it to the builders (or builds, or misses it);
3. sales at the posted price: each path serves its agents in a random order
   (`Generator.permuted` on a (paths, agents) array); rather than looping over the agents, a
   loop over the at most `max_sales_per_slot` sales finds, in every path at once, the next agent
   in its order that is willing to buy at the pool size after the purchase (argmax over a
   boolean (paths, agents) array);
4. the EIP-1559 price update.

    python3 scripts/peers/numpy_peer.py --quotient 8 --paths 64 --slots 7200 --seed 1 --json
"""

from __future__ import annotations

import os
import sys

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ticket_model as tm  # noqa: E402


def simulate(params: dict, paths: int, slots: int, seed: int, scenario: tm.Scenario | None = None) -> dict:
    """Simulates `paths` paths of `warmup + slots` slots of one grid point.

    `params` is a point's parameters (see `ticket_model.bench_params`); a resolved `scenario`
    with beliefs may be passed instead to reuse its beliefs (otherwise ticketsweep's belief
    pre-sample with the bench seed). Returns per-path metric arrays of shape (paths,) and the
    per-ticket arrays ticket_return, ticket_multiple, ticket_wait, ticket_price (one entry per
    ticket used in a measured slot, all paths pooled)."""
    scn = scenario
    if scn is None:
        scn = tm.Scenario(params)
        scn.compute_beliefs()
    rng = np.random.default_rng(seed)
    P, A, K = paths, scn.agents, scn.classes
    L = scn.lookahead
    R = L + 1  # ring of assigned slots t .. t+L
    warmup = scn.warmup
    total = warmup + slots
    cap_sales = scn.sales_cap
    agent_class = scn.agent_class
    extraction, miss_rate = scn.extraction, scn.miss_rate
    any_miss = bool((miss_rate > 0).any())
    capped = bool((scn.max_tickets < np.iinfo(np.int64).max).any())
    rows_all = np.arange(P)
    positions = np.arange(A)

    # Market state.
    price = np.full(P, scn.initial_price)
    capacity = 256
    pool_n = np.zeros(P, dtype=np.int64)
    pool_agent = np.zeros((P, capacity), dtype=np.int64)
    pool_price = np.zeros((P, capacity))
    pool_slot = np.zeros((P, capacity), dtype=np.int64)
    ring_agent = np.full((P, R), -1, dtype=np.int64)
    ring_price = np.zeros((P, R))
    ring_slot = np.zeros((P, R), dtype=np.int64)
    held = np.zeros((P, A), dtype=np.int64)
    base_order = np.tile(np.arange(A), (P, 1))

    # Accumulators over the measured slots.
    acc = {name: np.zeros(P) for name in ("value_total", "revenue", "proposer_revenue", "builder_profit",
                                          "lost_value", "price_sum", "price_sumsq", "pool_sum", "pool_sumsq")}
    acc["class_profit"] = np.zeros((P, K))
    acc["class_slots"] = np.zeros((P, K))
    acc["agent_slots"] = np.zeros((P, A))
    for name in ("empty", "missed", "sales", "longest_run"):
        acc[name] = np.zeros(P, dtype=np.int64)
    run_agent = np.full(P, -1, dtype=np.int64)
    run_len = np.zeros(P, dtype=np.int64)
    tickets = {name: [] for name in tm.TICKET_METRICS}

    for t in range(total):
        measured = t >= warmup
        v = scn.value.sample(rng, P)
        best, pay = tm.builder_outcome(rng.standard_normal((P, scn.builders["count"])), scn.builders)
        u_draw = rng.random(P)

        # 1. The draw: a uniformly random ticket of the pool gets slot t + L.
        target = (t + L) % R
        ring_agent[:, target] = -1
        rows = np.flatnonzero(pool_n > 0)
        if rows.size:
            n = pool_n[rows]
            pick = np.minimum((u_draw[rows] * n).astype(np.int64), n - 1)
            ring_agent[rows, target] = pool_agent[rows, pick]
            ring_price[rows, target] = pool_price[rows, pick]
            ring_slot[rows, target] = pool_slot[rows, pick]
            last = n - 1  # fill the hole with the last ticket
            pool_agent[rows, pick] = pool_agent[rows, last]
            pool_price[rows, pick] = pool_price[rows, last]
            pool_slot[rows, pick] = pool_slot[rows, last]
            pool_n[rows] = last

        # 2. The holder of slot t sells it to the builders, builds itself, or misses it.
        here = t % R
        agent = ring_agent[:, here].copy()
        ring_agent[:, here] = -1
        rows = np.flatnonzero(agent >= 0)
        a = agent[rows]
        k = agent_class[a]
        held[rows, a] -= 1
        vr = v[rows]
        own = extraction[k] * vr
        sold_to_builders = pay[rows] * vr
        missed = rng.random(rows.size) < miss_rate[k] if any_miss else np.zeros(rows.size, dtype=bool)
        payoff = np.where(missed, 0.0, np.maximum(own, sold_to_builders))
        if measured:
            acc["value_total"] += v
            empty = agent < 0
            acc["lost_value"] += np.where(empty, v, 0.0)
            acc["empty"] += empty
            lost = np.zeros(P, dtype=bool)
            lost[rows[missed]] = True
            acc["lost_value"][rows[missed]] += vr[missed]
            acc["missed"] += lost
            ok = ~missed
            pr, pa, pk = rows[ok], a[ok], k[ok]
            acc["proposer_revenue"][pr] += payoff[ok]
            bought_by_builder = sold_to_builders[ok] > own[ok]
            acc["builder_profit"][pr[bought_by_builder]] += (best[pr] * vr[ok] - sold_to_builders[ok])[bought_by_builder]
            acc["agent_slots"][pr, pa] += 1
            acc["class_slots"][pr, pk] += 1
            acc["class_profit"][rows, k] += payoff
            # Runs of one agent: an empty or missed slot ends a run.
            proposer = np.full(P, -1, dtype=np.int64)
            proposer[pr] = pa
            run_len = np.where(proposer < 0, 0, np.where(proposer == run_agent, run_len + 1, 1))
            run_agent = proposer
            np.maximum(acc["longest_run"], run_len, out=acc["longest_run"])
            paid = ring_price[rows, here]
            tickets["ticket_return"].append(payoff - paid)
            tickets["ticket_multiple"].append(payoff / paid)
            tickets["ticket_wait"].append((t - ring_slot[rows, here]).astype(float))
            tickets["ticket_price"].append(paid)

        # 3. Sales at the posted price, agents served in a random order per path.
        posted = price.copy()
        if pool_n.max() + cap_sales > capacity:  # grow the pool arrays
            extra = capacity
            pool_agent = np.concatenate([pool_agent, np.zeros((P, extra), dtype=np.int64)], axis=1)
            pool_price = np.concatenate([pool_price, np.zeros((P, extra))], axis=1)
            pool_slot = np.concatenate([pool_slot, np.zeros((P, extra), dtype=np.int64)], axis=1)
            capacity += extra
        order = rng.permuted(base_order, axis=1)
        order_class = agent_class[order]
        limit_by_pos = scn.max_buy[order_class]
        bought_here = np.zeros((P, A), dtype=np.int64)
        start = np.zeros(P, dtype=np.int64)
        sold = np.zeros(P, dtype=np.int64)
        for _ in range(cap_sales):
            willing_class = scn.marginal(pool_n + 1) >= posted[:, None]  # (P, K)
            willing = np.take_along_axis(willing_class, order_class, axis=1)
            willing &= positions >= start[:, None]
            willing &= bought_here < limit_by_pos
            if capped:
                willing &= np.take_along_axis(held, order, axis=1) < scn.max_tickets[order_class]
            first = willing.argmax(axis=1)
            rows = np.flatnonzero(willing[rows_all, first])
            if rows.size == 0:
                break
            pos = first[rows]
            buyer = order[rows, pos]
            slot_in_pool = pool_n[rows]
            pool_agent[rows, slot_in_pool] = buyer
            pool_price[rows, slot_in_pool] = posted[rows]
            pool_slot[rows, slot_in_pool] = t
            pool_n[rows] += 1
            held[rows, buyer] += 1
            bought_here[rows, pos] += 1
            start[rows] = pos  # the agent keeps its turn while it buys
            sold[rows] += 1
            if measured:
                acc["revenue"][rows] += posted[rows]
                acc["class_profit"][rows, agent_class[buyer]] -= posted[rows]
        if measured:
            acc["sales"] += sold

        # 4. The price update.
        if scn.mechanism == "eip1559":
            A_ = scn.quotient
            if scn.pool_target is not None:
                delta = np.clip((pool_n - scn.pool_target) / (scn.pool_target * A_), -1 / A_, 1 / A_)
            else:
                delta = (sold - scn.sales_target) / (scn.sales_target * A_)
            price = np.maximum(posted * (1 + delta), scn.min_price)
        if measured:
            acc["price_sum"] += posted
            acc["price_sumsq"] += posted * posted
            acc["pool_sum"] += pool_n
            acc["pool_sumsq"] += pool_n * pool_n

    metrics = tm.path_metrics_from_totals(scn, slots, acc)
    for name, parts in tickets.items():
        metrics[name] = np.concatenate(parts) if parts else np.zeros(0)
    return metrics


def main(argv=None) -> int:
    ap = tm.argument_parser(__doc__.splitlines()[0])
    args = ap.parse_args(argv)
    scn = tm.scenario_from_args(args)
    metrics, seconds = tm.timed(simulate, scn.params, args.paths, args.slots, args.seed, scenario=scn)
    tm.emit(tm.report("numpy", args, scn, metrics, seconds, {"numpy": np.__version__}), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
