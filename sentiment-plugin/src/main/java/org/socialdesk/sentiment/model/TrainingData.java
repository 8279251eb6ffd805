package org.socialdesk.sentiment.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code socialdesk sentiment train} finds the default labelled data (the project's shared
 * sentiment data folder): the {@code --data} option, else the {@code
 * plugins.sentiment.training-data} setting. A brand model is always trained on that data plus the
 * brand's texts, so without it training cannot start; {@link #locate} says exactly what is missing
 * and how to supply it.
 *
 * @param dir the folder
 * @param origin where the folder was named, for messages ("--data" or the setting's key)
 */
public record TrainingData(Path dir, String origin) {
  public static final String OPTION = "--data";
  public static final String SETTING = "plugins.sentiment.training-data";

  /** The outcome of {@link #locate}: the data, or a message for the operator. */
  public sealed interface Located permits Found, Missing {}

  public record Found(TrainingData data) implements Located {}

  public record Missing(String message) implements Located {}

  /**
   * The data folder named by {@code option} (wins) or {@code setting}, if it holds every file of
   * the default recipe.
   */
  public static Located locate(Path option, String setting) {
    Optional<TrainingData> named =
        option != null
            ? Optional.of(new TrainingData(option, OPTION))
            : setting != null && !setting.isBlank()
                ? Optional.of(new TrainingData(Path.of(setting.strip()), SETTING))
                : Optional.empty();
    if (named.isEmpty()) {
      return new Missing(
          "Training needs the default labelled data (the shared sentiment data folder with "
              + String.join(", ", requiredFiles())
              + "). Give "
              + OPTION
              + " DIR or set "
              + SETTING
              + ".");
    }
    TrainingData data = named.get();
    if (!Files.isDirectory(data.dir())) {
      return new Missing(
          data.origin() + " names " + data.dir().toAbsolutePath() + ", which is not a folder.");
    }
    List<String> missing =
        requiredFiles().stream().filter(f -> !Files.isRegularFile(data.dir().resolve(f))).toList();
    if (!missing.isEmpty()) {
      return new Missing(
          data.origin()
              + " names "
              + data.dir().toAbsolutePath()
              + ", which lacks "
              + String.join(", ", missing)
              + ".");
    }
    return new Found(data);
  }

  /** The files of the default training recipe. */
  static List<String> requiredFiles() {
    return SentimentTrainer.DEFAULT_SOURCES.stream().map(SentimentTrainer.Source::file).toList();
  }
}
