package org.socialdesk.host.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** JSON answers, and the one shape every error takes: {@code {"error": "..."}}. */
public final class JsonResponses {

  static final String CONTENT_TYPE = "application/json;charset=utf-8";

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private JsonResponses() {}

  public static void write(HttpServletResponse response, int status, Object body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    MAPPER.writeValue(response.getOutputStream(), body);
  }

  public static void error(HttpServletResponse response, int status, String message)
      throws IOException {
    write(response, status, Map.of("error", message));
  }
}
