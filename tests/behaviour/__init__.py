"""Behavioural tests in the manner of CheckList (Ribeiro et al., ACL 2020): releases made
from templates and lexicons (:mod:`.generate`), judged by :mod:`.check`, reported by
``python -m tests.behaviour.report``."""
