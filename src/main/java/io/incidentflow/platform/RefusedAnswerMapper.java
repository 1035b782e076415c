package io.incidentflow.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine wraps whatever a task listener throws (ENGINE-03051) and the REST API wraps that again ("Cannot
 * complete task"), so a {@link BadUserRequestException} raised there to refuse an answer (incident.TaskAnswers)
 * would leave as a 500. This mapper answers 400 with Camunda's error shape ({@code type}, {@code message}) for
 * such a refusal, and hands every other exception to Camunda's own handler.
 */
@Provider
@Priority(1)
public class RefusedAnswerMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof BadUserRequestException refusal) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("type", BadUserRequestException.class.getSimpleName(), "message", refusal.getMessage()))
            .build();
      }
    }
    return camunda.toResponse(exception);
  }
}
