"""Grading of capa-like problems: one point per question, inputs named as Open edX names them."""
from dataclasses import dataclass

TEXT, CHOICE, CHECKBOX, NUMERICAL = "text", "choice", "checkbox", "numerical"


def input_name(problem, question):
    """input_{problem}_{n}_1, as capa numbers a problem's responses from 2."""
    return f"input_{problem.url_name}_{question['n']}_1"


@dataclass
class Submission:
    answers: dict
    correct_map: dict

    @property
    def score(self):
        return sum(1 for correctness in self.correct_map.values() if correctness == "correct")

    @property
    def success(self):
        return "correct" if all(c == "correct" for c in self.correct_map.values()) else "incorrect"


def grade(problem, data):
    answers, correct_map = {}, {}
    for question in problem.content["questions"]:
        name = input_name(problem, question)
        expected = question["answer"]
        if question["type"] == CHECKBOX:
            given = sorted(data.getlist(name + "[]"))
            correct = given == sorted(expected)
        elif question["type"] == NUMERICAL:
            given = data.get(name, "").strip()
            correct = numerically_equal(given, expected, question.get("tolerance", "0"))
        elif question["type"] == TEXT:
            given = data.get(name, "").strip()
            correct = given.lower() == expected.lower()
        else:
            given = data.get(name, "")
            correct = given == expected
        answers[name] = given
        correct_map[name] = "correct" if correct else "incorrect"
    return Submission(answers, correct_map)


def numerically_equal(given, expected, tolerance):
    """capa's numericalresponse: within an absolute tolerance, or a relative one written as a percentage ("5%")."""
    try:
        value, target = float(given), float(expected)
    except ValueError:
        return False
    allowed = abs(target) * float(tolerance[:-1]) / 100 if tolerance.endswith("%") else float(tolerance)
    return abs(value - target) <= allowed


def total_possible(problem):
    return len(problem.content["questions"])


def questions_with_state(problem, state):
    """The questions, each with the learner's last answer and its correctness, for the templates."""
    answers = state.get("student_answers", {})
    correct_map = state.get("correct_map", {})
    for question in problem.content["questions"]:
        name = input_name(problem, question)
        given = answers.get(name, [] if question["type"] == CHECKBOX else "")
        yield {
            **question,
            "name": name + "[]" if question["type"] == CHECKBOX else name,
            "given": given,
            "correctness": correct_map.get(name, ""),
        }
