"""Reads an Open edX OLX course (a .tar.gz export, or a folder, of course.xml, course/, chapter/, sequential/,
vertical/, html/, problem/, discussion/, about/, policies/) into the LMS's course record and block tree. Keeps only
the OLX text in memory: an archive is read as a stream and nothing is extracted to disk, so paths in it cannot
point outside it, and its static/ files (which this LMS does not serve) pass by unread."""
import hashlib
import json
import os
import re
import tarfile
import xml.etree.ElementTree as ET

STRUCTURE = {"course": "chapter", "chapter": "sequential", "sequential": "vertical"}
LEAVES = {"html", "problem", "discussion"}
# What read_course reads; everything else in an export (static/ files, assets) is skipped as it streams past.
OLX_SUFFIXES = (".xml", ".html", ".json")
COURSE_KEY = re.compile(r"^course-v1:([^+/:]+)\+([^+/:]+)\+([^+/:]+)$")


class OlxError(Exception):
    """The archive is not an OLX course this LMS can import; the message names the file."""


class Archive:
    """The course's OLX files by path relative to the folder holding course.xml."""

    def __init__(self, files):
        roots = sorted((p[: -len("course.xml")] for p in files if p == "course.xml" or p.endswith("/course.xml")), key=len)
        if not roots:
            raise OlxError("the archive has no course.xml (an OLX export has course.xml at its top or in one top folder)")
        self.root = roots[0]
        self.files = {p[len(self.root):]: data for p, data in files.items() if p.startswith(self.root)}

    @classmethod
    def from_tar(cls, stream):
        """A .tar.gz read front to back from a stream (stdin too): only its OLX members are kept."""
        files = {}
        try:
            with tarfile.open(fileobj=stream, mode="r|*") as tar:
                for member in tar:
                    if member.isfile() and member.name.endswith(OLX_SUFFIXES):
                        files[member.name.removeprefix("./")] = tar.extractfile(member).read()
        except (tarfile.TarError, EOFError, OSError) as e:
            raise OlxError(f"the archive is not a readable .tar.gz ({e})")
        return cls(files)

    @classmethod
    def from_folder(cls, folder):
        files = {}
        for directory, _, names in os.walk(folder):
            for name in names:
                if name.endswith(OLX_SUFFIXES):
                    path = os.path.join(directory, name)
                    with open(path, "rb") as f:
                        files[os.path.relpath(path, folder).replace(os.sep, "/")] = f.read()
        return cls(files)

    def text(self, path):
        if path not in self.files:
            raise OlxError(f"{self.root}{path} is missing from the archive")
        return self.files[path].decode("utf-8")

    def xml(self, path):
        try:
            return ET.fromstring(self.text(path))
        except ET.ParseError as e:
            raise OlxError(f"{self.root}{path}: {e}")

    def optional(self, path):
        return self.text(path) if path in self.files else None


def read_course(archive, course_id=None):
    """The course's fields and its block tree (nodes as course_store.save_course takes them), plus what was skipped."""
    pointer = archive.xml("course.xml")
    run = pointer.get("url_name")
    if pointer.tag != "course" or not run or not pointer.get("org") or not pointer.get("course"):
        raise OlxError(f"{archive.root}course.xml: expected <course url_name=... org=... course=.../>")
    org, number = pointer.get("org"), pointer.get("course")
    if course_id:
        match = COURSE_KEY.match(course_id)
        if not match:
            raise OlxError(f"--course-id '{course_id}' is not a course key of the form course-v1:ORG+NUMBER+RUN")
        org, number, new_run = match.groups()
    else:
        new_run = run
    definition = archive.xml(f"course/{run}.xml")
    policy = json.loads(archive.optional(f"policies/{run}/policy.json") or "{}").get(f"course/{run}", {})
    skipped = []
    key = f"{org}+{number}+{new_run}"
    course = {
        "id": f"course-v1:{key}",
        "display_name": policy.get("display_name") or definition.get("display_name") or f"{org} {number}",
        "org": org,
        "number": number,
        "run": new_run,
        "short_description": (archive.optional("about/short_description.html") or "").strip(),
        "overview": (archive.optional("about/overview.html") or "").strip(),
    }
    tree = children(archive, definition, "course", skipped)
    return course, tree, skipped


def children(archive, element, kind, skipped):
    nodes = []
    for child in element:
        if child.tag == STRUCTURE.get(kind) or (kind == "vertical" and child.tag in LEAVES):
            nodes.append(block(archive, child, skipped))
        elif isinstance(child.tag, str):
            skipped.append(f"{child.tag} in {kind} {element.get('url_name', '')}".strip())
    return nodes


def block(archive, element, skipped):
    """One block, inline or a pointer (<chapter url_name="x"/>) to chapter/x.xml."""
    kind = element.tag
    url_name = element.get("url_name")
    if url_name and set(element.attrib) == {"url_name"} and len(element) == 0 and not (element.text or "").strip():
        element = archive.xml(f"{kind}/{url_name}.xml")
    url_name = url_name or element.get("url_name") or hashlib.sha1(ET.tostring(element)).hexdigest()[:32]
    node = {"type": kind, "url_name": url_name, "display_name": element.get("display_name") or kind.title()}
    if kind == "html":
        node["content"] = {"html": html_body(archive, element, url_name)}
    elif kind == "problem":
        node["content"] = {"questions": questions(archive, element, url_name)}
    elif kind == "discussion":
        node["content"] = {field: element.get(field) or default for field, default in discussion_fields(node).items()}
    else:
        node["children"] = children(archive, element, kind, skipped)
    return node


def discussion_fields(node):
    """A discussion's attributes as Open edX writes them, and what stands in for one left out: its url_name is a stable id, its name the label."""
    return {"discussion_id": node["url_name"], "discussion_category": "General", "discussion_target": node["display_name"]}


def html_body(archive, element, url_name):
    if element.get("filename"):
        return archive.text(f"html/{element.get('filename')}.html").strip()
    inner = (element.text or "") + "".join(ET.tostring(child, encoding="unicode") for child in element)
    return inner.strip()


def questions(archive, problem, url_name):
    """capa responses in document order, numbered from 2 as capa numbers them."""
    found = []
    prompt = None
    for element in problem.iter():
        if element.tag == "p" and "".join(element.itertext()).strip():
            prompt = "".join(element.itertext()).strip()
        if element.tag not in RESPONSES:
            continue
        label = element.find(".//label")
        question = {"n": len(found) + 2, "prompt": ("".join(label.itertext()).strip() if label is not None else prompt) or "Question"}
        question.update(RESPONSES[element.tag](element, f"problem/{url_name}.xml"))
        found.append(question)
    if not found:
        raise OlxError(f"problem/{url_name}.xml has no response this LMS grades ({', '.join(sorted(RESPONSES))})")
    return found


def choices(element, group, source):
    group_element = element.find(f".//{group}")
    if group_element is None:
        raise OlxError(f"{source}: <{element.tag}> has no <{group}>")
    items = []
    for index, choice in enumerate(group_element.findall("choice")):
        items.append((choice.get("name") or f"choice_{index}", "".join(choice.itertext()).strip(), choice.get("correct", "false").lower() == "true"))
    return [[value, label] for value, label, _ in items], [value for value, _, correct in items if correct]


def multiple_choice(element, source):
    listed, correct = choices(element, "choicegroup", source)
    if len(correct) != 1:
        raise OlxError(f"{source}: a multiplechoiceresponse needs exactly one choice with correct=\"true\" (found {len(correct)})")
    return {"type": "choice", "choices": listed, "answer": correct[0]}


def checkbox(element, source):
    listed, correct = choices(element, "checkboxgroup", source)
    return {"type": "checkbox", "choices": listed, "answer": correct}


def string(element, source):
    if element.get("answer") is None:
        raise OlxError(f"{source}: a stringresponse needs an answer attribute")
    return {"type": "text", "answer": element.get("answer")}


def numerical(element, source):
    answer = element.get("answer")
    try:
        float(answer)
    except (TypeError, ValueError):
        raise OlxError(f"{source}: a numericalresponse needs a number as answer (got {answer!r})")
    tolerance = next((p.get("default") for p in element.findall("responseparam") if p.get("type") == "tolerance"), "0")
    return {"type": "numerical", "answer": answer, "tolerance": tolerance}


RESPONSES = {
    "multiplechoiceresponse": multiple_choice,
    "choiceresponse": checkbox,
    "stringresponse": string,
    "numericalresponse": numerical,
}


def write_course(course, tree):
    """The course (fields as Course has them) and its tree (nodes as read_course gives them) as OLX files: path to text."""
    files = {
        "course.xml": element("course", url_name=course["run"], org=course["org"], course=course["number"]) + "\n",
        f"course/{course['run']}.xml": container("course", {"display_name": course["display_name"]}, tree),
        f"policies/{course['run']}/policy.json": json.dumps({f"course/{course['run']}": {"display_name": course["display_name"]}}, indent=2) + "\n",
        "about/short_description.html": course["short_description"] + "\n",
        "about/overview.html": course["overview"] + "\n",
    }
    write_blocks(files, tree)
    return files


def write_blocks(files, nodes):
    for node in nodes:
        name, kind = node["url_name"], node["type"]
        if kind == "html":
            files[f"html/{name}.xml"] = element("html", filename=name, display_name=node["display_name"]) + "\n"
            files[f"html/{name}.html"] = node["content"]["html"] + "\n"
        elif kind == "problem":
            files[f"problem/{name}.xml"] = problem_xml(node)
        elif kind == "discussion":
            files[f"discussion/{name}.xml"] = element("discussion", display_name=node["display_name"], **node["content"]) + "\n"
        else:
            files[f"{kind}/{name}.xml"] = container(kind, {"display_name": node["display_name"]}, node.get("children", []))
            write_blocks(files, node.get("children", []))


def element(tag, **attributes):
    return ET.tostring(ET.Element(tag, attributes), encoding="unicode", short_empty_elements=True)


def container(tag, attributes, nodes):
    lines = [ET.tostring(ET.Element(tag, attributes), encoding="unicode").replace(" />", ">").replace(f"</{tag}>", "")]
    lines += [f"  {element(n['type'], url_name=n['url_name'])}" for n in nodes]
    return "\n".join(lines + [f"</{tag}>", ""])


def problem_xml(node):
    problem = ET.Element("problem", {"display_name": node["display_name"]})
    for question in node["content"]["questions"]:
        kind = question["type"]
        if kind == "text":
            response = ET.SubElement(problem, "stringresponse", {"answer": question["answer"], "type": "ci"})
        elif kind == "numerical":
            response = ET.SubElement(problem, "numericalresponse", {"answer": question["answer"]})
            ET.SubElement(response, "responseparam", {"type": "tolerance", "default": question.get("tolerance", "0")})
        else:
            response = ET.SubElement(problem, "multiplechoiceresponse" if kind == "choice" else "choiceresponse")
        ET.SubElement(response, "label").text = question["prompt"]
        if kind in ("choice", "checkbox"):
            group = ET.SubElement(response, "choicegroup" if kind == "choice" else "checkboxgroup", {"type": "MultipleChoice"} if kind == "choice" else {})
            answers = question["answer"] if kind == "checkbox" else [question["answer"]]
            for value, label in question["choices"]:
                attributes = {"correct": "true" if value in answers else "false"}
                if value != f"choice_{question['choices'].index([value, label])}":
                    attributes["name"] = value
                ET.SubElement(group, "choice", attributes).text = label
        else:
            ET.SubElement(response, "textline" if kind == "text" else "formulaequationinput")
    ET.indent(problem)
    return ET.tostring(problem, encoding="unicode") + "\n"
