/*
 * Glue for QualityWatch's embedded local/test Elasticsearch node, modelled on Elasticsearch's own
 * MockPluginsService (test framework). Elasticsearch code is licensed under AGPL-3.0 / SSPL / Elastic
 * License 2.0; this class lives in Elasticsearch's package to reach package-private API.
 */
package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.Build;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

/** A {@link PluginsService} that instantiates plugin classes found on the classpath. */
public class QwClasspathPluginsService extends PluginsService {

  private final List<LoadedPlugin> classpathPlugins;

  public QwClasspathPluginsService(
      Settings settings, Environment environment, Collection<Class<? extends Plugin>> classes) {
    super(settings, environment.configDir(), emptyLoader());
    List<LoadedPlugin> loaded = new ArrayList<>();
    for (Class<? extends Plugin> pluginClass : classes) {
      Plugin plugin = loadPlugin(pluginClass, settings, environment.configDir());
      PluginDescriptor descriptor =
          new PluginDescriptor(
              pluginClass.getName(),
              "classpath plugin",
              "NA",
              Build.current().version(),
              Integer.toString(Runtime.version().feature()),
              pluginClass.getName(),
              null,
              List.of(),
              false,
              false,
              false,
              false);
      loaded.add(new LoadedPlugin(descriptor, plugin, pluginClass.getClassLoader()));
    }
    this.classpathPlugins = List.copyOf(loaded);
    loadExtensions(classpathPlugins);
  }

  /**
   * A loader with no module or plugin layers. {@code PluginsLoader.createPluginsLoader} cannot be
   * used on the class path (it expects the server to be a named module).
   */
  public static PluginsLoader emptyLoader() {
    return new PluginsLoader(Set.of(), Set.of(), Map.of());
  }

  @Override
  protected final List<LoadedPlugin> plugins() {
    return classpathPlugins;
  }
}
