package org.mailtriage.warehouse;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** A Hadoop configuration that travels to executors (Configuration itself is not Serializable). */
public final class HadoopConf implements Serializable {
    private final HashMap<String, String> entries = new HashMap<>();
    private transient Configuration configuration;

    public HadoopConf(Configuration source) {
        for (Map.Entry<String, String> entry : source) {
            entries.put(entry.getKey(), entry.getValue());
        }
    }

    public Configuration get() {
        if (configuration == null) {
            Configuration rebuilt = new Configuration(false);
            entries.forEach(rebuilt::set);
            configuration = rebuilt;
        }
        return configuration;
    }
}
