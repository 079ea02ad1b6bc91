// The module's umbrella header: every kernel SweepMath, SweepRandom and SweepStatistics call.
#include "WideRandom.h"
#include "WideMath.h"
#include "WideSketch.h"
