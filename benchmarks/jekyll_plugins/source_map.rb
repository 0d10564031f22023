# frozen_string_literal: true

# A Jekyll plugin for benchmarks/import_vs_jekyll.py: after a build it writes
# the file named by the JEKYLL_SOURCE_MAP environment variable, a JSON list of
# every file Jekyll wrote, each with the source file it came from, its kind
# (page, post, a collection's name, static, redirect), its title and, for
# pages, posts and collection items, its body as rendered before the layout.
require "json"

Jekyll::Hooks.register :site, :post_write do |site|
  target = ENV["JEKYLL_SOURCE_MAP"]
  next if target.nil? || target.empty?

  written = []
  destination = ->(item) { item.destination(site.dest).delete_prefix(site.dest + "/") }
  site.pages.each do |page|
    redirect = defined?(JekyllRedirectFrom::RedirectPage) && page.is_a?(JekyllRedirectFrom::RedirectPage)
    written << {
      "kind" => redirect ? "redirect" : "page",
      "source" => redirect ? "" : page.relative_path,
      "url" => page.url,
      "output" => destination.call(page),
      "title" => page.data["title"].to_s,
      "redirect_to" => redirect ? page.data.dig("redirect", "to").to_s : "",
      "body" => redirect ? "" : page.content.to_s,
    }
  end
  site.documents.each do |document|
    next unless document.write?

    written << {
      "kind" => document.collection.label,
      "source" => document.relative_path,
      "url" => document.url,
      "output" => destination.call(document),
      "title" => document.data["title"].to_s,
      "body" => document.content.to_s,
    }
  end
  site.static_files.each do |file|
    next unless file.write?

    written << {
      "kind" => "static",
      "source" => file.relative_path.delete_prefix("/"),
      "url" => file.url,
      "output" => destination.call(file),
      "title" => "",
    }
  end
  File.write(target, JSON.pretty_generate(written))
end
