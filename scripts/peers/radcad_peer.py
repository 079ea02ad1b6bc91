#!/usr/bin/env python3
"""The bench scenario (sweeps/bench.yaml) on radCAD, the framework of the published
execution-tickets simulation (Stichler et al., arXiv 2501.16090): the second peer that
ticketsweep is benchmarked against.

One radCAD run per path (`runs=paths`), one timestep per slot (`timesteps = warmup + slots`),
four partial state update blocks per timestep in the order of MODEL.md section 10:

1. market and draw: the slot's value and builder signals; a uniformly random pool ticket gets
   slot t + L;
2. proposer: the holder of slot t sells it to the builders (or builds, or misses it);
3. sales: agents in a random order buy at the posted price while their marginal valuation
   allows;
4. price: the EIP-1559 update.

The state holds the market (price, pool, tickets assigned to slots) and the slot's outcomes; the
metrics are computed afterwards from the results (one record per timestep and run).

Engines:
  --engine default   radCAD's defaults: Engine() (pathos backend, deepcopy of the state for every
                     policy and state update, every substep kept). Keeps every state: run it on a
                     few paths and short horizons.
  --engine fast      Engine(backend=SINGLE_PROCESS, deepcopy=False, drop_substeps=True): the
                     fastest settings radCAD offers on one core (no process pool, no pickled copy
                     of the state per policy and per state update, one record per timestep).

    python3 scripts/peers/radcad_peer.py --engine fast --quotient 8 --paths 8 --slots 7200 --json
"""

from __future__ import annotations

import logging
import math
import os
import sys

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import radcad  # noqa: E402
from radcad import Engine, Model, Simulation  # noqa: E402
from radcad.engine import Backend  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ticket_model as tm  # noqa: E402

logging.getLogger("radCAD").setLevel(logging.WARNING)

# One generator per run, created where the run executes (radCAD may run it in a worker process).
_RNGS: dict = {}


def rng_of(params, state) -> np.random.Generator:
    run = state["run"]
    rng = _RNGS.get(run)
    if rng is None:
        rng = _RNGS[run] = np.random.default_rng([params["seed"], run])
    return rng


# ---- 1. Market and draw ---------------------------------------------------------------------

def p_market(params, substep, history, state):
    scn: tm.Scenario = params["scenario"]
    rng = rng_of(params, state)
    value = scn.value.sample_one(rng)
    best, payment = tm.builder_outcome(rng.standard_normal(scn.builders["count"]), scn.builders)
    pool = state["pool"]
    drawn = None
    if pool:
        i = min(int(rng.random() * len(pool)), len(pool) - 1)
        drawn = (i, pool[i])
    return {"value": value, "best": float(best), "payment": float(payment), "miss_u": float(rng.random()),
            "drawn": drawn}


def s_pool_draw(params, substep, history, state, signal):
    pool = state["pool"]
    if signal["drawn"] is not None:
        i = signal["drawn"][0]
        pool[i] = pool[-1]  # fill the hole with the last ticket
        pool.pop()
    return "pool", pool


def s_assign(params, substep, history, state, signal):
    assigned = state["assigned"]
    slot = state["slot"] + params["scenario"].lookahead
    assigned[slot] = signal["drawn"][1] if signal["drawn"] is not None else None
    return "assigned", assigned


# ---- 2. The holder of slot t sells it ------------------------------------------------------

def p_proposer(params, substep, history, state):
    scn: tm.Scenario = params["scenario"]
    ticket = state["assigned"].get(state["slot"])
    v = state["value"]
    if ticket is None:
        return {"proposer": -1, "payoff": 0.0, "builder_surplus": 0.0, "missed": False,
                "ticket_price": math.nan, "ticket_wait": math.nan}
    agent, price, bought = ticket
    k = scn.agent_class[agent]
    missed = state["miss_u"] < scn.miss_rate[k]
    own = scn.extraction[k] * v
    sold = state["payment"] * v
    payoff = 0.0 if missed else max(own, sold)
    # the holder builds itself only when e V > P (ticketsweep's convention)
    surplus = state["best"] * v - sold if (not missed and sold >= own) else 0.0
    return {"proposer": int(agent), "payoff": float(payoff), "builder_surplus": float(surplus),
            "missed": bool(missed), "ticket_price": price, "ticket_wait": float(state["slot"] - bought)}


def s_release(params, substep, history, state, signal):
    assigned = state["assigned"]
    assigned.pop(state["slot"], None)
    return "assigned", assigned


def s_held_release(params, substep, history, state, signal):
    held = state["held"]
    if signal["proposer"] >= 0:
        held[signal["proposer"]] -= 1
    return "held", held


# ---- 3. Sales at the posted price ------------------------------------------------------------

def p_sales(params, substep, history, state):
    """Agents in a fresh random order; each buys while its marginal valuation at the pool size
    after the purchase is at least the price and its caps allow."""
    scn: tm.Scenario = params["scenario"]
    rng = rng_of(params, state)
    price = state["price"]
    n = len(state["pool"])
    held = state["held"]
    buyers = []

    def anyone_willing():
        return any(scn.marginal_scalar(k, n + 1) >= price for k in range(scn.classes))

    for agent in rng.permutation(scn.agents):
        if len(buyers) >= scn.sales_cap or not anyone_willing():
            break
        k = scn.agent_class[agent]
        bought = 0
        while (bought < scn.max_buy[k] and len(buyers) < scn.sales_cap
               and held[agent] + bought < scn.max_tickets[k]
               and scn.marginal_scalar(k, n + 1) >= price):
            buyers.append(int(agent))
            bought += 1
            n += 1
    spend = [0.0] * scn.classes
    for agent in buyers:
        spend[scn.agent_class[agent]] += price
    return {"buyers": buyers, "posted": price, "spend": spend}


def s_pool_sales(params, substep, history, state, signal):
    pool = state["pool"]
    for agent in signal["buyers"]:
        pool.append((agent, signal["posted"], state["slot"]))
    return "pool", pool


def s_held_sales(params, substep, history, state, signal):
    held = state["held"]
    for agent in signal["buyers"]:
        held[agent] += 1
    return "held", held


# ---- 4. The price update -----------------------------------------------------------------

def p_price(params, substep, history, state):
    scn: tm.Scenario = params["scenario"]
    pool = len(state["pool"])
    return {"price": scn.next_price(state["posted_price"], pool, state["sold"]), "pool_size": pool}


def replace(key, source=None):
    """A state update that sets `key` to the policy signal `source` (default: `key`)."""
    source = source or key

    def update(params, substep, history, state, signal):
        return key, signal[source]

    update.__name__ = f"s_{key}"
    return update


def s_next_slot(params, substep, history, state, signal):
    return "slot", state["slot"] + 1


BLOCKS = [
    {"policies": {"market": p_market},
     "variables": {"value": replace("value"), "best": replace("best"), "payment": replace("payment"),
                   "miss_u": replace("miss_u"), "pool": s_pool_draw, "assigned": s_assign}},
    {"policies": {"proposer": p_proposer},
     "variables": {"proposer": replace("proposer"), "payoff": replace("payoff"),
                   "builder_surplus": replace("builder_surplus"), "missed": replace("missed"),
                   "ticket_price": replace("ticket_price"), "ticket_wait": replace("ticket_wait"),
                   "assigned": s_release, "held": s_held_release}},
    {"policies": {"sales": p_sales},
     "variables": {"pool": s_pool_sales, "held": s_held_sales, "posted_price": replace("posted_price", "posted"),
                   "sold": lambda p, s, h, st, sig: ("sold", len(sig["buyers"])),
                   "spend": replace("spend")}},
    {"policies": {"price": p_price},
     "variables": {"price": replace("price"), "pool_size": replace("pool_size"), "slot": s_next_slot}},
]


def initial_state(scn: tm.Scenario) -> dict:
    return {
        "slot": 0, "price": scn.initial_price, "pool": [], "assigned": {}, "held": [0] * scn.agents,
        "value": 0.0, "best": 0.0, "payment": 0.0, "miss_u": 1.0,
        "proposer": -1, "payoff": 0.0, "builder_surplus": 0.0, "missed": False,
        "ticket_price": math.nan, "ticket_wait": math.nan,
        "posted_price": scn.initial_price, "sold": 0, "spend": [0.0] * scn.classes, "pool_size": 0,
    }


def engine(kind: str) -> Engine:
    if kind == "default":
        return Engine()
    if kind == "fast":
        return Engine(backend=Backend.SINGLE_PROCESS, deepcopy=False, drop_substeps=True)
    raise ValueError(f"unknown engine {kind!r}")


def metrics_from_results(scn: tm.Scenario, results: list, paths: int, slots: int) -> dict:
    """Per-path metrics from radCAD's results: the last substep of every measured timestep."""
    last = len(BLOCKS)
    by_run: dict = {}
    for rec in results:
        if rec["substep"] == last and rec["slot"] - 1 >= scn.warmup:
            by_run.setdefault(rec["run"], []).append(rec)
    runs = sorted(by_run)
    assert len(runs) == paths and all(len(by_run[r]) == slots for r in runs), "unexpected results shape"
    K, A = scn.classes, scn.agents
    totals = {name: np.zeros(paths) for name in ("value_total", "revenue", "proposer_revenue", "builder_profit",
                                                 "lost_value", "price_sum", "price_sumsq", "pool_sum", "pool_sumsq",
                                                 "empty", "missed", "sales", "longest_run", "run_slots")}
    totals["class_profit"] = np.zeros((paths, K))
    totals["class_slots"] = np.zeros((paths, K))
    totals["agent_slots"] = np.zeros((paths, A))
    tickets = {name: [] for name in tm.TICKET_METRICS}
    for p, run in enumerate(runs):
        recs = by_run[run]
        col = {key: np.array([r[key] for r in recs]) for key in
               ("value", "proposer", "payoff", "builder_surplus", "missed", "ticket_price", "ticket_wait",
                "posted_price", "sold", "pool_size")}
        v, who, missed = col["value"], col["proposer"], col["missed"]
        held = who >= 0
        proposed = held & ~missed
        totals["value_total"][p] = v.sum()
        totals["revenue"][p] = (col["posted_price"] * col["sold"]).sum()
        totals["proposer_revenue"][p] = col["payoff"][proposed].sum()
        totals["builder_profit"][p] = col["builder_surplus"].sum()
        totals["lost_value"][p] = v[~proposed].sum()
        totals["empty"][p] = (~held).sum()
        totals["missed"][p] = (held & missed).sum()
        totals["sales"][p] = col["sold"].sum()
        cls = scn.agent_class[who[held]]
        # profit.<class> over the tickets used in measured slots (model version 2)
        totals["class_profit"][p] = np.bincount(cls, col["payoff"][held] - col["ticket_price"][held], K)
        totals["class_slots"][p] = np.bincount(scn.agent_class[who[proposed]], minlength=K)
        totals["agent_slots"][p] = np.bincount(who[proposed], minlength=A)
        run_len = best = runs = 0
        prev = -1
        for a in np.where(proposed, who, -1):
            run_len = 0 if a < 0 else (run_len + 1 if a == prev else 1)
            runs += run_len > 1
            prev = a
            best = max(best, run_len)
        totals["longest_run"][p] = best
        totals["run_slots"][p] = runs
        totals["price_sum"][p] = col["posted_price"].sum()
        totals["price_sumsq"][p] = (col["posted_price"] ** 2).sum()
        totals["pool_sum"][p] = col["pool_size"].sum()
        totals["pool_sumsq"][p] = (col["pool_size"].astype(float) ** 2).sum()
        paid = col["ticket_price"][held]
        tickets["ticket_return"].append(col["payoff"][held] - paid)
        tickets["ticket_multiple"].append(col["payoff"][held] / paid)
        tickets["ticket_wait"].append(col["ticket_wait"][held])
        tickets["ticket_price"].append(paid)
    metrics = tm.path_metrics_from_totals(scn, slots, totals)
    for name, parts in tickets.items():
        metrics[name] = np.concatenate(parts)
    return metrics


def simulate(params: dict, paths: int, slots: int, seed: int, engine_kind: str = "fast",
             scenario: tm.Scenario | None = None) -> dict:
    scn = scenario
    if scn is None:
        scn = tm.Scenario(params)
        scn.compute_beliefs()
    _RNGS.clear()
    model = Model(initial_state=initial_state(scn), state_update_blocks=BLOCKS,
                  params={"scenario": [scn], "seed": [seed]})
    sim = Simulation(model=model, timesteps=scn.total_slots(slots), runs=paths)
    sim.engine = engine(engine_kind)  # radCAD 0.14's Simulation(engine=...) raises; its docs set the attribute
    results = sim.run()
    if sim.exceptions and any(e and e.get("exception") for e in sim.exceptions):
        raise RuntimeError(f"radCAD runs failed: {[e['exception'] for e in sim.exceptions if e.get('exception')]}")
    return metrics_from_results(scn, results, paths, slots)


def main(argv=None) -> int:
    ap = tm.argument_parser(__doc__.splitlines()[0])
    ap.add_argument("--engine", choices=["default", "fast"], default="fast")
    ap.set_defaults(paths=8)
    args = ap.parse_args(argv)
    scn = tm.scenario_from_args(args)
    metrics, seconds = tm.timed(simulate, scn.params, args.paths, args.slots, args.seed, args.engine, scenario=scn)
    extra = {"engine": args.engine, "radcad": radcad.__version__ if hasattr(radcad, "__version__") else "0.14",
             "numpy": np.__version__}
    tm.emit(tm.report(f"radcad-{args.engine}", args, scn, metrics, seconds, extra), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
