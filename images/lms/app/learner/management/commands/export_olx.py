"""Writes a course as an OLX export (.tar.gz, or a folder): what import_olx reads, and what courses/demo-course in the repository is."""
import io
import os
import tarfile

from django.core.management.base import BaseCommand, CommandError

from learner import olx
from learner.models import Course


class Command(BaseCommand):
    help = "Export a course as OLX: OUTPUT ending in .tar.gz is an archive, else a folder."

    def add_arguments(self, parser):
        parser.add_argument("course_id")
        parser.add_argument("output")

    def handle(self, course_id, output, **options):
        course = Course.objects.filter(pk=course_id).first()
        if course is None:
            raise CommandError(f"No course {course_id}; the catalog has: {', '.join(Course.objects.values_list('id', flat=True))}")
        fields = {f: getattr(course, f) for f in ("display_name", "org", "number", "run", "short_description", "overview")}
        files = olx.write_course(fields, [self.node(c) for c in course.chapters()])
        if output.endswith(".tar.gz"):
            with tarfile.open(output, "w:gz") as tar:
                for path, text in sorted(files.items()):
                    data = text.encode("utf-8")
                    info = tarfile.TarInfo(f"course/{path}")
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
        else:
            for path, text in files.items():
                os.makedirs(os.path.dirname(os.path.join(output, path)), exist_ok=True)
                with open(os.path.join(output, path), "w", encoding="utf-8") as f:
                    f.write(text)
        self.stdout.write(f"Exported {course_id} to {output} ({len(files)} files)")

    def node(self, block):
        node = {"type": block.block_type, "url_name": block.url_name, "display_name": block.display_name, "content": block.content}
        children = list(block.children.all())
        if children:
            node["children"] = [self.node(c) for c in children]
        return node
