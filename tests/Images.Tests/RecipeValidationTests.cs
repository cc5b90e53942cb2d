using Mooc.Images.Recipes;

namespace Images.Tests;

public sealed class RecipeValidationTests : IDisposable
{
    readonly TestRepository _repository = new();

    RecipeException LoadFails(string yaml)
    {
        var file = _repository.Write("images/broken/image.yaml", yaml);
        return Assert.Throws<RecipeException>(() => RecipeLoader.Load(file, _repository.Root));
    }

    [Fact]
    public void An_unknown_field_is_named_with_its_line_and_the_allowed_fields()
    {
        var error = LoadFails("from: debian:bookworm\n\nstpes:\n  - name: x\n    run: true\n");

        Assert.Equal(Path.Combine("images", "broken", "image.yaml"), error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("stpes", error.Field);
        Assert.Contains("allowed: from, files, steps, commit, services", error.Message);
    }

    [Fact]
    public void A_step_without_a_command_names_the_step_field_and_line()
    {
        var error = LoadFails("from: debian:bookworm\nsteps:\n  - name: first\n    run: true\n  - name: second\n    user: root\n");

        Assert.Equal("steps[1].run", error.Field);
        Assert.Equal(5, error.Line);
        Assert.Contains("'second'", error.Message);
    }

    [Fact]
    public void A_missing_base_image_is_reported()
    {
        var error = LoadFails("steps:\n  - name: x\n    run: true\n");

        Assert.Equal("from", error.Field);
        Assert.Contains("debian:bookworm", error.Message);
    }

    [Fact]
    public void A_file_that_does_not_exist_is_named()
    {
        var error = LoadFails("from: debian:bookworm\nfiles:\n  - source: missing.sh\n    target: /usr/local/bin/missing.sh\n");

        Assert.Equal("files[0].source", error.Field);
        Assert.Equal(3, error.Line);
        Assert.Contains("'missing.sh' does not exist", error.Message);
    }

    [Fact]
    public void Files_outside_images_and_provision_are_refused()
    {
        _repository.Write("secrets.txt", "do not bake");
        var error = LoadFails("from: debian:bookworm\nfiles:\n  - source: ../../secrets.txt\n    target: /tmp/secrets.txt\n");

        Assert.Equal("files[0].source", error.Field);
        Assert.Contains("outside images/, provision/, courses/", error.Message);
    }

    [Fact]
    public void A_port_that_is_not_a_port_is_refused()
    {
        var error = LoadFails("from: debian:bookworm\ncommit:\n  expose: [\"8000\", \"http\"]\n");

        Assert.Equal("commit.expose[1]", error.Field);
        Assert.Contains("'http' is not a port", error.Message);
    }

    [Fact]
    public void A_service_naming_an_unknown_recipe_is_refused_with_the_known_ones()
    {
        _repository.Write("images/db/image.yaml", "from: debian:bookworm\n");
        _repository.Write("images/app/image.yaml", "from: debian:bookworm\nservices:\n  - name: database\n    recipe: dbx\n");

        var error = Assert.Throws<RecipeException>(() => RecipeLoader.LoadFor(_repository.Root, null, "mooc"));

        Assert.Equal("services[0].recipe", error.Field);
        Assert.Equal(4, error.Line);
        Assert.Contains("recipes: app, db", error.Message);
    }

    [Fact]
    public void Sources_starting_with_provision_are_relative_to_the_repository_others_to_the_recipe()
    {
        _repository.Write("provision/tool/setup.sh", "true");
        _repository.Write("images/app/local.conf", "x");
        var file = _repository.Write("images/app/image.yaml",
            "from: debian:bookworm\nfiles:\n  - source: provision/tool/setup.sh\n    target: /opt/setup.sh\n  - source: local.conf\n    target: /etc/local.conf\n");

        var recipe = RecipeLoader.Load(file, _repository.Root);

        Assert.Equal(Path.Combine(_repository.Root, "provision", "tool", "setup.sh"), recipe.Files[0].Source);
        Assert.Equal(Path.Combine(_repository.Root, "images", "app", "local.conf"), recipe.Files[1].Source);
    }

    [Fact]
    public void A_tab_inside_a_block_of_shell_is_content_not_indentation()
    {
        var file = _repository.Write("images/tabs/image.yaml", "from: debian:bookworm\nsteps:\n  - name: makefile\n    run: |\n      printf 'all:\\n' > Makefile\n      cat >> Makefile <<EOF\n      \techo built\n      EOF\n");

        var recipe = RecipeLoader.Load(file, _repository.Root);

        Assert.Contains("\techo built", recipe.Steps[0].Run);
    }

    public void Dispose() => _repository.Dispose();
}
