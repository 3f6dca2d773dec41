"""Read and judge learner math: safe parsing, three-valued equivalence, mistake diagnosis.

Never imports ``quizapp``, Flask, SQLAlchemy or ``engine``.
"""
