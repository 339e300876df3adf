package org.mailtriage.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mailtriage.testing.ProjectFiles;

/** schemas/*.json is the contract notebooks rely on: it must be exactly the code's schema, table for table. */
class SchemaFilesTest {
    private static final Path SCHEMAS = ProjectFiles.resolve("schemas");

    @Test
    void everyTableHasAnIdenticalSchemaFile() throws IOException {
        for (Map.Entry<String, StructType> table : Schemas.all().entrySet()) {
            Path file = SCHEMAS.resolve(table.getKey() + ".json");
            if (Boolean.getBoolean("mailtriage.writeSchemas")) {
                Files.writeString(file, table.getValue().prettyJson() + "\n", StandardCharsets.UTF_8);
            }
            assertThat(file).as("schema file for table %s", table.getKey()).exists();
            DataType fromFile = DataType.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(fromFile).as("schemas/%s.json vs Schemas.java (regenerate: mvn test -Dtest=SchemaFilesTest -Dmailtriage.writeSchemas=true)",
                    table.getKey()).isEqualTo(table.getValue());
        }
    }

    @Test
    void noSchemaFileWithoutATable() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - 5)))
                    .allSatisfy(name -> assertThat(Schemas.all()).containsKey(name));
        }
    }
}
