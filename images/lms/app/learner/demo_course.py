"""The demo course, with the ids of Open edX's edX/DemoX/Demo_Course that the learner scenario uses."""
COURSE_ID = "course-v1:edX+DemoX+Demo_Course"

COURSE = {
    "display_name": "edX Demonstration Course",
    "org": "edX",
    "number": "DemoX",
    "run": "Demo_Course",
    "short_description": "Explore the learner's side of a MOOC: lessons, questions and your score.",
    "overview": (
        "<h2>About this course</h2>"
        "<p>A short tour of how a course is organised: chapters, lessons and units, "
        "with a homework of question styles graded as you submit it.</p>"
    ),
}


def usage_id(block_type, url_name):
    return f"block-v1:edX+DemoX+Demo_Course+type@{block_type}+block@{url_name}"


# The "Getting Started" unit's discussion; the forum's seed_demo posts the welcome thread in it.
DISCUSSION_ID = "getting_started_discussion"


def discussion(url_name, display_name, discussion_id, category, target):
    content = {"discussion_id": discussion_id, "discussion_category": category, "discussion_target": target}
    return {"type": "discussion", "url_name": url_name, "display_name": display_name, "content": content}


def html(url_name, display_name, body):
    return {"type": "html", "url_name": url_name, "display_name": display_name, "content": {"html": body}}


MULTIPLE_CHOICE_QUESTIONS = {
    "type": "problem",
    "url_name": "a0effb954cca4759994f1ac9e9434bf4",
    "display_name": "Multiple Choice Questions",
    "content": {
        "questions": [
            {"n": 2, "type": "text", "prompt": "What color is the open ocean on a sunny day?", "answer": "blue"},
            {
                "n": 3,
                "type": "choice",
                "prompt": "Which of the following countries has the largest population?",
                "choices": [["choice_0", "Brazil"], ["choice_1", "Germany"], ["choice_2", "Indonesia"], ["choice_3", "Russia"]],
                "answer": "choice_2",
            },
            {
                "n": 4,
                "type": "checkbox",
                "prompt": "Which of the following are musical instruments? Check all that apply.",
                "choices": [["choice_0", "a piano"], ["choice_1", "a tree"], ["choice_2", "a guitar"], ["choice_3", "a window"]],
                "answer": ["choice_0", "choice_2"],
            },
        ]
    },
}

# chapter > sequential > vertical > html|problem|discussion, in display order.
TREE = [
    {
        "type": "chapter", "url_name": "d8a6192ade314473a78242dfeedfbf5b", "display_name": "Introduction",
        "children": [
            {
                "type": "sequential", "url_name": "edx_introduction", "display_name": "Demo Course Overview",
                "children": [
                    {
                        "type": "vertical", "url_name": "vertical_0270f6de40fc", "display_name": "Introduction: Video and Sequences",
                        "children": [html("0a3b4139f51a4917aebc9b5ee3ae2f58", "Welcome", "<p>Welcome to the demonstration course. Use the numbered tabs above each unit to move through a lesson.</p>")],
                    },
                ],
            },
        ],
    },
    {
        "type": "chapter", "url_name": "interactive_demonstrations", "display_name": "Example Week 1: Getting Started",
        "children": [
            {
                "type": "sequential", "url_name": "19a30717eff543078a5d94ae9d6c18a5", "display_name": "Lesson 1 - Getting Started",
                "children": [
                    {
                        "type": "vertical", "url_name": "867dddb6f55d410caaa9c1eb9c6743ec", "display_name": "Getting Started",
                        "children": [
                            html("82d599b014b246c7a9b5dfc750dc08a9", "Getting Started", "<p>Each week has lessons and a homework. Your homework scores add up on the Progress page.</p>"),
                            discussion("discussion_getting_started", "Getting Started Discussion", DISCUSSION_ID, "Example Week 1", "Getting Started"),
                        ],
                    },
                ],
            },
            {
                "type": "sequential", "url_name": "basic_questions", "display_name": "Homework - Question Styles",
                "children": [
                    {
                        "type": "vertical", "url_name": "2152d4a4aadc4cb0af5256394a3d1fc7", "display_name": "Pointing on a Picture",
                        "children": [html("4f06b358a96f4d1dae57d6d81acd06f2", "Pointing on a Picture", "<p>Some questions ask you to point at part of an image; this course keeps to text and choices.</p>")],
                    },
                    {
                        "type": "vertical", "url_name": "47dbd5f836544e61877a483c0b75606c", "display_name": "Getting Answers",
                        "children": [html("5e009378f0b64585baa0a14b155974b9", "Getting Answers", "<p>Submit an answer to see whether it is right; you may try again as often as you like.</p>")],
                    },
                    {
                        "type": "vertical", "url_name": "54bb9b142c6c4c22afc62bcb628f0e68", "display_name": "Multiple Choice Questions",
                        "children": [MULTIPLE_CHOICE_QUESTIONS],
                    },
                ],
            },
        ],
    },
]

# The ids are pinned: the forum knows users by their LMS id, and its seed_demo posts as "staff" (2).
ACCOUNTS = [
    # user id, username, email, full name, staff, enrollment mode in the demo course (None: not enrolled)
    (1, "edx", "edx@example.com", "edX Admin", True, None),
    (2, "staff", "staff@example.com", "Staff", True, "honor"),
    (3, "honor", "honor@example.com", "Honor Learner", False, "honor"),
    (4, "audit", "audit@example.com", "Audit Learner", False, "audit"),
    (5, "verified", "verified@example.com", "Verified Learner", False, "verified"),
]
