/*
 * Glue for QualityWatch's embedded local/test Elasticsearch node, modelled on Elasticsearch's own
 * MockNode (test framework). Elasticsearch code is licensed under AGPL-3.0 / SSPL / Elastic License
 * 2.0; this class lives in Elasticsearch's package to reach package-private API.
 */
package org.elasticsearch.node;

import java.util.Collection;
import java.util.List;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.plugins.QwClasspathPluginsService;

/** A {@link Node} whose plugins are plain classes on the classpath (no module directories). */
public class QwEmbeddedNode extends Node {

  public QwEmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
    super(
        NodeConstruction.prepareConstruction(
            environment,
            QwClasspathPluginsService.emptyLoader(),
            new NodeServiceProvider() {
              @Override
              PluginsService newPluginService(Environment env, PluginsLoader loader) {
                return new QwClasspathPluginsService(env.settings(), env, List.copyOf(plugins));
              }
            },
            true));
  }
}
