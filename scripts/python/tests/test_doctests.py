import doctest

import ticketsweep
import ticketsweep._tables


def test_docstring_examples():
    # The other modules' examples need a real results folder and are marked +SKIP.
    result = doctest.testmod(ticketsweep._tables, extraglobs={"ticketsweep": ticketsweep})
    assert result.attempted > 0 and result.failed == 0
