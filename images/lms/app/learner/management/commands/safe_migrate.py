"""migrate, safe to run again after a run that was killed half-way.

MariaDB commits each DDL statement on its own: a migrate killed between creating a migration's
tables and recording the migration leaves those tables behind, and every later migrate fails with
"Table ... already exists". Before migrating, this looks for tables that the unapplied migrations
create and that exist already. Empty ones (what a killed run leaves) are dropped, so their migration
runs again from its start. One that holds rows is never touched: the command stops, names it and
says how to go on.
"""
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor

# MariaDB's errors for DDL that ran already: table exists, duplicate column, duplicate key, cannot drop.
HALF_DONE_ERRORS = {1050, 1060, 1061, 1091}


class Command(BaseCommand):
    help = "migrate, after dropping the empty tables a killed migrate left behind; stops, changing nothing, if such a table holds rows."

    def add_arguments(self, parser):
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        for migration, tables in self.leftovers(connection):
            full = [table for table in tables if not self.is_empty(connection, table)]
            if full:
                raise CommandError(
                    f"Migration {migration} is not recorded as applied, yet tables it creates exist and hold rows: {', '.join(full)}. "
                    "Nothing was changed. Either a run stopped after the migration's work but before recording it, or the table was made by other means. "
                    f"If the table is what the migration makes ('manage.py sqlmigrate {migration.replace('.', ' ')}' shows it), record the migration: "
                    f"'manage.py migrate {migration.replace('.', ' ')} --fake', then deploy again. Otherwise back the rows up, drop the table and deploy again."
                )
            with connection.constraint_checks_disabled(), connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
            self.stdout.write(
                f"Migration {migration} was cut off by an interrupted run: dropped the empty table(s) it had made "
                f"({', '.join(tables)}), so it runs again from its start."
            )
        try:
            call_command("migrate", interactive=options["interactive"], database=options["database"], verbosity=options["verbosity"], stdout=self.stdout)
        except OperationalError as error:
            if error.args and error.args[0] in HALF_DONE_ERRORS:
                raise CommandError(
                    f"{error}. The next migration, {self.next_migration(connection)}, seems half-applied by an interrupted run, in a way this command "
                    "does not undo by itself (it drops only empty tables). Compare the database with "
                    "'manage.py sqlmigrate <app> <migration>', undo the statements that ran, and deploy again."
                ) from error
            raise

    @staticmethod
    def leftovers(connection):
        """(migration, tables) for each unapplied migration whose new tables exist already."""
        existing = set(connection.introspection.table_names()) - {"django_migrations"}
        if not existing:
            return []
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        state = executor.loader.project_state(sorted(executor.loader.applied_migrations), at_end=True)
        found = []
        before = Command.tables(state)
        for migration, backwards in plan:
            if backwards:
                continue
            state = migration.mutate_state(state, preserve=False)
            after = Command.tables(state)
            made = sorted((after - before) & existing)
            if made:
                found.append((f"{migration.app_label}.{migration.name}", made))
            before = after
        return found

    @staticmethod
    def tables(state):
        return {
            model._meta.db_table
            for model in state.apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy and not model._meta.swapped
        }

    @staticmethod
    def is_empty(connection, table):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            return cursor.fetchone() is None

    @staticmethod
    def next_migration(connection):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return f"{plan[0][0].app_label}.{plan[0][0].name}" if plan else "(none: all are recorded)"
