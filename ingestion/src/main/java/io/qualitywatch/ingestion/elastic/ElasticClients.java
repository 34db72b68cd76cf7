package io.qualitywatch.ingestion.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.io.File;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the elasticsearch-java client from {@link ElasticSettings}; the only place that does. */
public final class ElasticClients {
  private ElasticClients() {}

  public static ElasticsearchClient create(ElasticSettings s) {
    return new ElasticsearchClient(
        new RestClientTransport(restClient(s), new JacksonJsonpMapper(EventCodec.newMapper())));
  }

  public static RestClient restClient(ElasticSettings s) {
    HttpHost[] hosts =
        s.urls().stream()
            .map(URI::create)
            .map(u -> new HttpHost(u.getHost(), u.getPort(), u.getScheme()))
            .toArray(HttpHost[]::new);
    RestClientBuilder b = RestClient.builder(hosts);
    if (s.apiKey() != null) {
      b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + s.apiKey())});
    }
    SSLContext ssl = sslContext(s);
    b.setHttpClientConfigCallback(
        hc -> {
          if (ssl != null) {
            hc.setSSLContext(ssl);
          }
          if (s.username() != null) {
            BasicCredentialsProvider creds = new BasicCredentialsProvider();
            creds.setCredentials(
                AuthScope.ANY, new UsernamePasswordCredentials(s.username(), s.password()));
            hc.setDefaultCredentialsProvider(creds);
          }
          return hc;
        });
    b.setRequestConfigCallback(rc -> rc.setConnectTimeout(10_000).setSocketTimeout(120_000));
    return b.build();
  }

  private static SSLContext sslContext(ElasticSettings s) {
    if (s.caCertPath() != null) {
      try {
        return TransportUtils.sslContextFromHttpCaCrt(new File(s.caCertPath()));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            "cannot read elasticsearch.ca.cert " + s.caCertPath() + ": " + e.getMessage(), e);
      }
    }
    if (s.caFingerprint() != null) {
      return TransportUtils.sslContextFromCaFingerprint(s.caFingerprint());
    }
    return null;
  }
}
