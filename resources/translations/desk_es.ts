<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name />
    <message>
        <source>Online</source>
        <translation type="vanished">Conectado</translation>
    </message>
    <message>
        <source>Syncing {done} of {total}</source>
        <translation type="vanished">Sincronizando {done} de {total}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="vanished">Sincronizando…</translation>
    </message>
    <message>
        <source>Offline — {reason}</source>
        <translation type="vanished">Sin conexión: {reason}</translation>
    </message>
    <message>
        <source>no network</source>
        <translation type="vanished">no hay red</translation>
    </message>
    <message>
        <source>Signed out — {reason}</source>
        <translation type="vanished">Sesión cerrada: {reason}</translation>
    </message>
    <message>
        <source>Sync error — {reason}</source>
        <translation type="vanished">Error de sincronización: {reason}</translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation type="vanished">Aún sin conexión</translation>
    </message>
</context>
<context>
    <name>AdminPinScreen</name>
    <message>
        <source>Staff only: enter the admin PIN</source>
        <translation>Solo personal: introduzca el PIN de administración</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Locked after too many wrong PINs; try again in {s} s.</source>
        <translation>Bloqueado por demasiados PIN incorrectos; inténtelo de nuevo en {s} s.</translation>
    </message>
    <message>
        <source>That is not an admin PIN.</source>
        <translation>Ese no es un PIN de administración.</translation>
    </message>
</context>
<context>
    <name>AttachedFiles</name>
    <message>
        <source>Attach…</source>
        <translation>Adjuntar…</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Adjuntar archivos</translation>
    </message>
    <message>
        <source>Attach files (or drop them on the message, or paste them)</source>
        <translation>Adjuntar archivos (o soltarlos sobre el mensaje, o pegarlos)</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Archivos adjuntos</translation>
    </message>
    <message>
        <source>The file could not be kept for sending: {reason}</source>
        <translation>No se pudo guardar el archivo para enviarlo: {reason}</translation>
    </message>
    <message>
        <source>{name}, {size}</source>
        <translation>{name}, {size}</translation>
    </message>
</context>
<context>
    <name>AttachmentBar</name>
    <message numerus="yes">
        <source>Files of the selected message (%n)</source>
        <translation>
            <numerusform>Archivos del mensaje seleccionado (%n)</numerusform>
            <numerusform>Archivos del mensaje seleccionado (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Guardar archivo adjunto</translation>
    </message>
</context>
<context>
    <name>AttachmentRow</name>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Open {name}</source>
        <translation>Abrir {name}</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Save {name} as…</source>
        <translation>Guardar {name} como…</translation>
    </message>
</context>
<context>
    <name>AudiencePicker</name>
    <message>
        <source>Pick from</source>
        <translation>Elegir de</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Vaciar</translation>
    </message>
    <message>
        <source>Untick everything picked</source>
        <translation>Desmarcar todo lo elegido</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Buscar…</translation>
    </message>
    <message>
        <source>Search {source}</source>
        <translation>Buscar en {source}</translation>
    </message>
    <message>
        <source>Asks which one, then picks all of it</source>
        <translation>Pregunta cuál y luego lo elige entero</translation>
    </message>
    <message>
        <source>Picks all of {group}</source>
        <translation>Elige todo {group}</translation>
    </message>
    <message>
        <source>Search what is picked…</source>
        <translation>Buscar en lo elegido…</translation>
    </message>
    <message>
        <source>{name} — {detail}</source>
        <translation>{name} — {detail}</translation>
    </message>
    <message>
        <source>1 picked</source>
        <translation>1 elegido</translation>
    </message>
    <message>
        <source>{n} picked</source>
        <translation>{n} elegidos</translation>
    </message>
    <message>
        <source>Nothing picked yet.</source>
        <translation>Todavía no se ha elegido nada.</translation>
    </message>
</context>
<context>
    <name>Audiences</name>
    <message>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Alumno/a</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor/a</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Staff group</source>
        <translation>Grupo de personal</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Aula</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>Todas las familias</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>Todo el personal</translation>
    </message>
    <message>
        <source>Everyone signed in right now</source>
        <translation>Todos los presentes ahora</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 miembro</translation>
    </message>
    <message>
        <source>{n} members</source>
        <translation>{n} miembros</translation>
    </message>
    <message>
        <source>1 student</source>
        <translation>1 alumno</translation>
    </message>
    <message>
        <source>{n} students</source>
        <translation>{n} alumnos</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Camp</source>
        <translation>Campamento</translation>
    </message>
    <message>
        <source>no room</source>
        <translation>sin aula</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>Todas las aulas</translation>
    </message>
    <message>
        <source>Select &amp;all in room</source>
        <translation>Seleccionar &amp;todo el aula</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <source>Search people, families, staff, groups, rooms…</source>
        <translation>Buscar personas, familias, personal, grupos, aulas…</translation>
    </message>
    <message>
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Camps</source>
        <translation>Campamentos</translation>
    </message>
    <message>
        <source>Enrollments</source>
        <translation>Inscripciones</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Message or detail</source>
        <translation>Mensaje o detalle</translation>
    </message>
    <message>
        <source>Audit events</source>
        <translation>Eventos de auditoría</translation>
    </message>
    <message>
        <source>Every action</source>
        <translation>Todas las acciones</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>Search who, conversation, message…</source>
        <translation>Buscar persona, conversación, mensaje…</translation>
    </message>
    <message>
        <source>Search the audit log</source>
        <translation>Buscar en el registro de auditoría</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>Show every conversation</source>
        <translation>Mostrar todas las conversaciones</translation>
    </message>
    <message>
        <source>Only the conversation with {name}</source>
        <translation>Solo la conversación con {name}</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>The audit log is for administrators. Ask an administrator if you need to know who sent, opened or closed a conversation.</source>
        <translation>El registro de auditoría es para administradores. Pregunte a un administrador si necesita saber quién envió, abrió o cerró una conversación.</translation>
    </message>
    <message>
        <source>Nothing has been recorded yet.</source>
        <translation>Todavía no se ha registrado nada.</translation>
    </message>
    <message>
        <source>No events match these filters.</source>
        <translation>Ningún evento coincide con estos filtros.</translation>
    </message>
</context>
<context>
    <name>BackgroundTasksView</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Search errors…</source>
        <translation>Buscar errores…</translation>
    </message>
    <message>
        <source>Search background task errors</source>
        <translation>Buscar errores de tareas en segundo plano</translation>
    </message>
    <message>
        <source>Background task errors</source>
        <translation>Errores de tareas en segundo plano</translation>
    </message>
    <message>
        <source>{task} at {when}
{error}
{detail}</source>
        <translation>{task}, {when}
{error}
{detail}</translation>
    </message>
    <message>
        <source>Background tasks are shown to administrators only.</source>
        <translation>Las tareas en segundo plano solo se muestran a los administradores.</translation>
    </message>
    <message>
        <source>No errors match this search.</source>
        <translation>Ningún error coincide con esta búsqueda.</translation>
    </message>
    <message>
        <source>No background task has failed.</source>
        <translation>Ninguna tarea en segundo plano ha fallado.</translation>
    </message>
</context>
<context>
    <name>CapabilityModel</name>
    <message>
        <source>Staff member</source>
        <translation>Miembro del personal</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name} (inactivo)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>{capability}: {held}</source>
        <translation>{capability}: {held}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>CentreSettingsView</name>
    <message>
        <source>Staff permissions</source>
        <translation>Permisos del personal</translation>
    </message>
    <message>
        <source>Students may take part in group conversations</source>
        <translation>Los alumnos pueden participar en conversaciones de grupo</translation>
    </message>
    <message>
        <source>Split families: whether a guardian's conversations are kept apart from the family's other guardians is set on that guardian's record (Families).</source>
        <translation>Familias separadas: si las conversaciones de un tutor se mantienen aparte de las de los demás tutores de la familia se decide en la ficha de ese tutor (Familias).</translation>
    </message>
    <message>
        <source>Full messaging: Office Chat and every classroom. Mass Text: send texts and push notifications. SMS Logs: read the Messenger Center. Administration: settings, audit log, kiosks, templates.</source>
        <translation>Mensajería completa: Chat de oficina y todas las aulas. Textos masivos: enviar mensajes de texto y notificaciones push. Registros de SMS: leer la Mensajería SMS. Administración: ajustes, registro de auditoría, quioscos, plantillas.</translation>
    </message>
    <message>
        <source>STAFF PERMISSIONS</source>
        <translation>PERMISOS DEL PERSONAL</translation>
    </message>
    <message>
        <source>CONVERSATIONS</source>
        <translation>CONVERSACIONES</translation>
    </message>
    <message>
        <source>You cannot take away your own administration permission.</source>
        <translation>No puede quitarse su propio permiso de administración.</translation>
    </message>
    <message>
        <source>{name} not changed: {reason}</source>
        <translation>{name} no se cambió: {reason}</translation>
    </message>
</context>
<context>
    <name>ChildRow</name>
    <message>
        <source>Signed in · {room}</source>
        <translation>Entrada registrada · {room}</translation>
    </message>
    <message>
        <source>Not signed in · {room}</source>
        <translation>Sin entrada registrada · {room}</translation>
    </message>
    <message>
        <source>no room</source>
        <translation>sin aula</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Registrar salida</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Registrar entrada</translation>
    </message>
</context>
<context>
    <name>ChildrenScreen</name>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Hello, {name}!</source>
        <translation>¡Hola, {name}!</translation>
    </message>
    <message>
        <source>Tap Sign in or Sign out for each child, then Done.</source>
        <translation>Toque Registrar entrada o Registrar salida para cada niño y luego Listo.</translation>
    </message>
    <message>
        <source>There are no children for you to sign in or out today.</source>
        <translation>Hoy no tiene niños para registrar la entrada o la salida.</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <source>Remove {name}</source>
        <translation>Quitar a {name}</translation>
    </message>
</context>
<context>
    <name>ChipRow</name>
    <message>
        <source>Picked</source>
        <translation>Elegidos</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>+{n} más</translation>
    </message>
    <message>
        <source>{n} more picked. Press to list only what is picked (to review or untick it); press again to list everyone.</source>
        <translation>Otros elegidos: {n}. Pulse para ver solo lo elegido (para revisarlo o desmarcarlo); pulse otra vez para ver a todos.</translation>
    </message>
    <message>
        <source>{n} more picked</source>
        <translation>Otros elegidos: {n}</translation>
    </message>
</context>
<context>
    <name>CommunicationTab</name>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Con</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>Último mensaje</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sentido</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Emergency SMS</source>
        <translation>SMS de emergencia</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Text messages</source>
        <translation>Mensajes de texto (SMS)</translation>
    </message>
    <message>
        <source>&amp;Open conversation</source>
        <translation>&amp;Abrir conversación</translation>
    </message>
    <message>
        <source>CONVERSATIONS</source>
        <translation>CONVERSACIONES</translation>
    </message>
    <message>
        <source>TEXT MESSAGES (SMS)</source>
        <translation>MENSAJES DE TEXTO (SMS)</translation>
    </message>
    <message>
        <source>No conversations or text messages with this person yet.</source>
        <translation>Todavía no hay conversaciones ni mensajes de texto con esta persona.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Enter to send)</source>
        <translation>Escriba una respuesta… (Ctrl+Intro para enviar)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Enviar respuesta</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Enviar (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>{chars} · {segments} · {left} left · {enc}</source>
        <translation>{chars} · {segments} · quedan {left} · {enc}</translation>
    </message>
    <message>
        <source>1 SMS segment</source>
        <translation>1 segmento SMS</translation>
    </message>
    <message>
        <source>{n} SMS segments</source>
        <translation>{n} segmentos SMS</translation>
    </message>
    <message>
        <source>1 character</source>
        <translation>1 carácter</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} caracteres</translation>
    </message>
    <message>
        <source>{chars} characters · {segments} SMS segments · {left} left · {enc}</source>
        <translation type="vanished">{chars} caracteres · {segments} segmentos de SMS · quedan {left} · {enc}</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Connect to your centre</source>
        <translation>Conectarse a su Centro</translation>
    </message>
    <message>
        <source>Type the address of your centre's Front Desk server. Your administrator has it; Front Desk checks it before asking for your password.</source>
        <translation>Escriba la dirección del servidor de Front Desk de su Centro. Se la puede dar su administrador; Front Desk la comprueba antes de pedirle la contraseña.</translation>
    </message>
    <message>
        <source>https://frontdesk.example.org</source>
        <translation>https://frontdesk.example.org</translation>
    </message>
    <message>
        <source>&amp;Check address</source>
        <translation>&amp;Comprobar dirección</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>Contra&amp;seña</translation>
    </message>
    <message>
        <source>Server &amp;address</source>
        <translation>&amp;Dirección del servidor</translation>
    </message>
    <message>
        <source>Checking {server}…</source>
        <translation>Comprobando {server}…</translation>
    </message>
    <message>
        <source>Fill in your username and your password.</source>
        <translation>Indique su usuario y su contraseña.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Found the Front Desk server at {server}. Sign in with your account.</source>
        <translation>Se encontró el servidor de Front Desk en {server}. Inicie sesión con su cuenta.</translation>
    </message>
</context>
<context>
    <name>Conversation</name>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Alumno/a</translation>
    </message>
    <message>
        <source>Authorized pickup</source>
        <translation>Autorizado/a para recoger</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor/a</translation>
    </message>
    <message>
        <source>Conversation transcript</source>
        <translation>Transcripción de la conversación</translation>
    </message>
    <message>
        <source>Downloaded {time}</source>
        <translation>Descargada {time}</translation>
    </message>
    <message>
        <source>Participants ({count})</source>
        <translation>Participantes ({count})</translation>
    </message>
    <message>
        <source>Messages ({count})</source>
        <translation>Mensajes ({count})</translation>
    </message>
    <message>
        <source>Stopped by {name} on {time}; it took no replies after that.</source>
        <translation>Detenida por {name} el {time}; desde entonces no admitió respuestas.</translation>
    </message>
    <message>
        <source>Seen by {readers}</source>
        <translation>Visto por {readers}</translation>
    </message>
    <message>
        <source>sent as {channels}</source>
        <translation>enviado como {channels}</translation>
    </message>
    <message>
        <source>Not seen yet</source>
        <translation>Aún no visto</translation>
    </message>
    <message>
        <source>No messages.</source>
        <translation>No hay mensajes.</translation>
    </message>
</context>
<context>
    <name>DeliveryWords</name>
    <message>
        <source>The phone could not be reached</source>
        <translation>No se pudo contactar con el teléfono</translation>
    </message>
    <message>
        <source>The phone number is not in service</source>
        <translation>El número de teléfono no está en servicio</translation>
    </message>
    <message>
        <source>The number cannot receive texts (a landline?)</source>
        <translation>El número no puede recibir mensajes de texto (¿es un fijo?)</translation>
    </message>
    <message>
        <source>They replied STOP and receive no texts</source>
        <translation>Respondió STOP y no recibe mensajes de texto</translation>
    </message>
    <message>
        <source>The phone company blocked the message</source>
        <translation>La compañía telefónica bloqueó el mensaje</translation>
    </message>
    <message>
        <source>The email address does not exist</source>
        <translation>La dirección de correo electrónico no existe</translation>
    </message>
    <message>
        <source>Their mailbox is full</source>
        <translation>Su buzón de correo está lleno</translation>
    </message>
    <message>
        <source>The app is no longer on that device</source>
        <translation>La aplicación ya no está en ese dispositivo</translation>
    </message>
    <message>
        <source>The sending service refused it: tell your administrator</source>
        <translation>El servicio de envío lo rechazó: avise a su administrador</translation>
    </message>
    <message>
        <source>standard characters</source>
        <translation>caracteres estándar</translation>
    </message>
    <message>
        <source>special characters, fewer per segment</source>
        <translation>caracteres especiales, menos por segmento</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Family details</source>
        <translation>Datos de la familia</translation>
    </message>
    <message>
        <source>Conversation details</source>
        <translation>Datos de la conversación</translation>
    </message>
    <message>
        <source>Text messages with {phone}; no family record holds this number.</source>
        <translation>Mensajes de texto con {phone}; ninguna ficha de familia tiene este número.</translation>
    </message>
    <message>
        <source>Select a conversation to see the family.</source>
        <translation>Seleccione una conversación para ver la familia.</translation>
    </message>
    <message>
        <source>FAMILY</source>
        <translation>FAMILIA</translation>
    </message>
    <message>
        <source>STUDENTS</source>
        <translation>ALUMNOS</translation>
    </message>
    <message>
        <source>No students</source>
        <translation>Sin alumnos</translation>
    </message>
    <message>
        <source>GUARDIANS AND PICKUPS</source>
        <translation>TUTORES Y AUTORIZADOS PARA RECOGER</translation>
    </message>
    <message>
        <source>Signed in · {room} · since {time}</source>
        <translation>Dentro · {room} · desde las {time}</translation>
    </message>
    <message>
        <source>no room</source>
        <translation>sin aula</translation>
    </message>
    <message>
        <source>Signed out at {time}</source>
        <translation>Salida registrada a las {time}</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin entrada registrada</translation>
    </message>
    <message>
        <source>Room: {room}</source>
        <translation>Aula: {room}</translation>
    </message>
    <message>
        <source>Authorized pickup</source>
        <translation>Autorizado/a para recoger</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor/a</translation>
    </message>
    <message>
        <source> · private conversations</source>
        <translation> · conversaciones privadas</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>Mensaje de texto</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Prefers: {channel}</source>
        <translation>Prefiere: {channel}</translation>
    </message>
    <message>
        <source>SMS: opted in</source>
        <translation>SMS: dado/a de alta</translation>
    </message>
    <message>
        <source>SMS: opted out</source>
        <translation>SMS: dado/a de baja</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>No se cambió nada.</translation>
    </message>
    <message>
        <source>Thank you, {name}.

{done}

Have a good day!</source>
        <translation>Gracias, {name}.

{done}

¡Que tenga un buen día!</translation>
    </message>
</context>
<context>
    <name>EnrollKioskDialog</name>
    <message>
        <source>Enroll a kiosk</source>
        <translation>Vincular un quiosco</translation>
    </message>
    <message>
        <source>Start “desk kiosk” on the tablet or PC at the door and type this code with the server address. The code works once.</source>
        <translation>Inicie «desk kiosk» en la tableta o el PC de la entrada y escriba este código junto con la dirección del servidor. El código sirve una sola vez.</translation>
    </message>
    <message>
        <source>Server address for the kiosk: {url}</source>
        <translation>Dirección del servidor para el quiosco: {url}</translation>
    </message>
    <message>
        <source>Valid until {time}.</source>
        <translation>Válido hasta {time}.</translation>
    </message>
    <message>
        <source>Used: a kiosk has enrolled with this code, which no longer works. For another kiosk, open this dialog again for a new code.</source>
        <translation>Usado: un quiosco ya se vinculó con este código, que ya no funciona. Para otro quiosco, vuelva a abrir este cuadro de diálogo y obtenga un código nuevo.</translation>
    </message>
</context>
<context>
    <name>EnrollmentScreen</name>
    <message>
        <source>Set up the Front Desk kiosk</source>
        <translation>Configurar el quiosco de Front Desk</translation>
    </message>
    <message>
        <source>Set up this kiosk</source>
        <translation>Configurar este quiosco</translation>
    </message>
    <message>
        <source>An admin issues a one-time enrollment code in the office app. Type it here with the server's address.</source>
        <translation>Un administrador genera un código de vinculación de un solo uso en la aplicación de la oficina. Escríbalo aquí junto con la dirección del servidor.</translation>
    </message>
    <message>
        <source>https://frontdesk.example.org</source>
        <translation>https://frontdesk.example.org</translation>
    </message>
    <message>
        <source>Front door</source>
        <translation>Puerta principal</translation>
    </message>
    <message>
        <source>Enroll this kiosk</source>
        <translation>Vincular este quiosco</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <source>Enrollment &amp;code</source>
        <translation>&amp;Código de vinculación</translation>
    </message>
    <message>
        <source>Kiosk &amp;name</source>
        <translation>&amp;Nombre del quiosco</translation>
    </message>
    <message>
        <source>Type the address the office app shows.</source>
        <translation>Escriba la dirección que muestra la aplicación de la oficina.</translation>
    </message>
    <message>
        <source>Type the server's web address, for example https://frontdesk.example.org.</source>
        <translation>Escriba la dirección web del servidor, por ejemplo https://frontdesk.example.org.</translation>
    </message>
    <message>
        <source>This kiosk will use the server at {url}.</source>
        <translation>Este quiosco usará el servidor en {url}.</translation>
    </message>
    <message>
        <source>Fill in the server, the code and a name for this kiosk.</source>
        <translation>Indique el servidor, el código y un nombre para este quiosco.</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>Vinculando…</translation>
    </message>
    <message>
        <source>That enrollment code is unknown, used or expired. Ask an admin for a new code (Tools ▸ Enroll a kiosk… in the office app).</source>
        <translation>Ese código de vinculación no existe, ya se usó o ha caducado. Pida un código nuevo a un administrador (Herramientas ▸ Vincular un quiosco… en la aplicación de la oficina).</translation>
    </message>
    <message>
        <source>The kiosk cannot reach {server}. Check the address and the network, then try again.</source>
        <translation>El quiosco no puede conectar con {server}. Revise la dirección y la red y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Enrolling failed: {reason}. Try again.</source>
        <translation>La vinculación falló: {reason}. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Enrolling failed unexpectedly ({reason}). Try again, and tell your administrator if it keeps happening.</source>
        <translation>La vinculación falló de forma inesperada ({reason}). Inténtelo de nuevo y avise a su administrador si sigue ocurriendo.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>type a message first</source>
        <translation>escriba primero un mensaje</translation>
    </message>
    <message>
        <source>write the message first</source>
        <translation>escriba primero el mensaje</translation>
    </message>
    <message>
        <source>a kiosk message is at most {limit} characters</source>
        <translation>un mensaje del quiosco tiene como máximo {limit} caracteres</translation>
    </message>
    <message>
        <source>choose at least one guardian</source>
        <translation>elija al menos un tutor</translation>
    </message>
    <message>
        <source>guardian {id} is not in the local cache</source>
        <translation>el tutor {id} no está en la caché local</translation>
    </message>
    <message>
        <source>you do not have access to this conversation</source>
        <translation>no tiene acceso a esta conversación</translation>
    </message>
    <message>
        <source>this number cannot be texted</source>
        <translation>a este número no se le pueden enviar SMS</translation>
    </message>
    <message>
        <source>message {id} already exists</source>
        <translation>el mensaje {id} ya existe</translation>
    </message>
    <message>
        <source>kiosk messages are for guardians, not authorized pickups</source>
        <translation>los mensajes del quiosco son para tutores, no para personas autorizadas a recoger</translation>
    </message>
    <message>
        <source>that kiosk message is not in the local cache</source>
        <translation>ese mensaje del quiosco no está en la caché local</translation>
    </message>
    <message>
        <source>times must carry a time zone</source>
        <translation>las horas deben llevar zona horaria</translation>
    </message>
    <message>
        <source>the device clock is too far from the server's; check its time</source>
        <translation>el reloj del dispositivo difiere demasiado del del servidor; revise la hora</translation>
    </message>
    <message>
        <source>this kiosk message already exists</source>
        <translation>este mensaje del quiosco ya existe</translation>
    </message>
    <message>
        <source>the guardian has already read this message</source>
        <translation>el tutor ya ha leído este mensaje</translation>
    </message>
    <message>
        <source>this sign-in was already recorded</source>
        <translation>esta entrada ya estaba registrada</translation>
    </message>
    <message>
        <source>a kiosk sign-in must name who signed the child</source>
        <translation>una entrada en el quiosco debe indicar quién registró al niño</translation>
    </message>
    <message>
        <source>{guardian} may not sign {student} in or out</source>
        <translation>{guardian} no puede registrar la entrada ni la salida de {student}</translation>
    </message>
    <message>
        <source>no device of the chosen families can receive notifications</source>
        <translation>ningún dispositivo de las familias elegidas puede recibir notificaciones</translation>
    </message>
    <message>
        <source>a notification needs a subject and a message</source>
        <translation>una notificación necesita un asunto y un mensaje</translation>
    </message>
    <message>
        <source>a template needs a name and a message</source>
        <translation>una plantilla necesita un nombre y un mensaje</translation>
    </message>
    <message>
        <source>the chosen students have no guardians to message</source>
        <translation>los alumnos elegidos no tienen tutores a quienes escribir</translation>
    </message>
    <message>
        <source>nobody to message: the recipients reach no guardian or staff member</source>
        <translation>no hay a quién escribir: los destinatarios no llegan a ningún tutor ni miembro del personal</translation>
    </message>
    <message>
        <source>an emergency text goes to families: pick at least one family</source>
        <translation>un SMS de emergencia va a las familias: elija al menos una familia</translation>
    </message>
    <message>
        <source>messaging all families needs full messaging access</source>
        <translation>escribir a todas las familias requiere acceso completo a la mensajería</translation>
    </message>
    <message>
        <source>messaging everyone signed in needs full messaging access</source>
        <translation>escribir a todos los presentes requiere acceso completo a la mensajería</translation>
    </message>
    <message>
        <source>{name} is not in one of your rooms</source>
        <translation>{name} no está en ninguna de sus aulas</translation>
    </message>
    <message>
        <source>{name} has no child in one of your rooms</source>
        <translation>{name} no tiene ningún hijo en sus aulas</translation>
    </message>
    <message>
        <source>a conversation of this message already exists</source>
        <translation>ya existe una conversación de este mensaje</translation>
    </message>
    <message>
        <source>{name} is no longer an active staff member</source>
        <translation>{name} ya no es un miembro activo del personal</translation>
    </message>
    <message>
        <source>a conversation with this id already exists</source>
        <translation>ya existe una conversación con este identificador</translation>
    </message>
    <message>
        <source>only group conversations have participants to manage</source>
        <translation>solo las conversaciones de grupo tienen participantes que gestionar</translation>
    </message>
    <message>
        <source>this person is not in the conversation</source>
        <translation>esta persona no está en la conversación</translation>
    </message>
    <message>
        <source>you are not a participant of this conversation</source>
        <translation>no participa en esta conversación</translation>
    </message>
    <message>
        <source>only a Messenger Center conversation has a number to save</source>
        <translation>solo una conversación de la Mensajería SMS tiene un número que guardar</translation>
    </message>
    <message>
        <source>{name} already has the number {phone}; replace it to link this one</source>
        <translation>{name} ya tiene el número {phone}; sustitúyalo para vincular este</translation>
    </message>
    <message>
        <source>a record with this id already exists</source>
        <translation>ya existe un registro con este identificador</translation>
    </message>
    <message>
        <source>a contact needs a first and a last name</source>
        <translation>un contacto necesita nombre y apellido</translation>
    </message>
    <message>
        <source>family {id} does not exist</source>
        <translation>la familia {id} no existe</translation>
    </message>
    <message>
        <source>you cannot remove your own admin permission</source>
        <translation>no puede quitarse su propio permiso de administración</translation>
    </message>
    <message>
        <source>{what} {id} is not in the local cache</source>
        <translation>{what} {id} no está en la caché local</translation>
    </message>
    <message>
        <source>your draft</source>
        <translation>su borrador</translation>
    </message>
    <message>
        <source>the server's enrollment code could not be read</source>
        <translation>no se pudo leer el código de registro del servidor</translation>
    </message>
    <message>
        <source>the server's enrollment code state could not be read</source>
        <translation>no se pudo leer el estado del código de registro del servidor</translation>
    </message>
    <message>
        <source>the server's answer about the new PIN could not be read</source>
        <translation>no se pudo leer la respuesta del servidor sobre el nuevo PIN</translation>
    </message>
    <message>
        <source>the server's new PIN could not be read</source>
        <translation>no se pudo leer el nuevo PIN del servidor</translation>
    </message>
    <message>
        <source>the server's list of kiosks could not be read</source>
        <translation>no se pudo leer la lista de quioscos del servidor</translation>
    </message>
    <message>
        <source>the server's answer about the kiosk could not be read</source>
        <translation>no se pudo leer la respuesta del servidor sobre el quiosco</translation>
    </message>
    <message>
        <source>the latest changes from the server</source>
        <translation>los últimos cambios del servidor</translation>
    </message>
    <message>
        <source>Free some space; nothing was lost. Sync resumes by itself.</source>
        <translation>Libere espacio; no se perdió nada. La sincronización se reanudará sola.</translation>
    </message>
    <message>
        <source>Check the disk; nothing was lost. Sync resumes by itself.</source>
        <translation>Revise el disco; no se perdió nada. La sincronización se reanudará sola.</translation>
    </message>
    <message>
        <source>Free some space; sync resumes by itself.</source>
        <translation type="vanished">Libere espacio; la sincronización se reanudará sola.</translation>
    </message>
    <message>
        <source>Check the disk; sync resumes by itself.</source>
        <translation type="vanished">Revise el disco; la sincronización se reanudará sola.</translation>
    </message>
    <message>
        <source>the server's sign-in answer had no token</source>
        <translation>la respuesta de inicio de sesión del servidor no traía token</translation>
    </message>
    <message>
        <source>the wait for changes was cancelled</source>
        <translation>se canceló la espera de cambios</translation>
    </message>
    <message>
        <source>lost the connection to the server at {address}</source>
        <translation>se perdió la conexión con el servidor en {address}</translation>
    </message>
    <message>
        <source>the server answered {status} for an attachment</source>
        <translation>el servidor respondió {status} para un archivo adjunto</translation>
    </message>
    <message>
        <source>cannot reach the server at {address}</source>
        <translation>no se puede conectar con el servidor en {address}</translation>
    </message>
    <message>
        <source>the server does not stream changes (HTTP {status})</source>
        <translation>el servidor no transmite los cambios (HTTP {status})</translation>
    </message>
    <message>
        <source>the server answered HTTP {status} to the change stream</source>
        <translation>el servidor respondió HTTP {status} a la transmisión de cambios</translation>
    </message>
    <message>
        <source>the change stream came back as {kind}</source>
        <translation>la transmisión de cambios llegó como {kind}</translation>
    </message>
    <message>
        <source>{reason}; retrying</source>
        <translation>{reason}; reintentando</translation>
    </message>
    <message>
        <source>the server is having trouble (HTTP {status}); retrying</source>
        <translation>el servidor tiene problemas (HTTP {status}); reintentando</translation>
    </message>
    <message>
        <source>your sign-in has expired: sign in again</source>
        <translation>su sesión ha caducado: vuelva a iniciar sesión</translation>
    </message>
    <message>
        <source>the server's data was replaced</source>
        <translation>los datos del servidor se reemplazaron</translation>
    </message>
    <message>
        <source>the server refused the request ({code})</source>
        <translation>el servidor rechazó la solicitud ({code})</translation>
    </message>
    <message>
        <source>the server sent an unreadable answer ({kind})</source>
        <translation>el servidor envió una respuesta ilegible ({kind})</translation>
    </message>
    <message>
        <source>the server's answer was not a JSON object</source>
        <translation>la respuesta del servidor no era un objeto JSON</translation>
    </message>
    <message>
        <source>your message</source>
        <translation>su mensaje</translation>
    </message>
    <message>
        <source>your change</source>
        <translation>su cambio</translation>
    </message>
    <message>
        <source>the server's answer to your changes</source>
        <translation>la respuesta del servidor a sus cambios</translation>
    </message>
    <message>
        <source>the server sent a page the app cannot read: {problem}</source>
        <translation>el servidor envió una página que la aplicación no puede leer: {problem}</translation>
    </message>
    <message>
        <source>changes are held back on the way from the server</source>
        <translation>los cambios se retienen en el camino desde el servidor</translation>
    </message>
    <message>
        <source>the change stream ended before its first page</source>
        <translation>la transmisión de cambios terminó antes de su primera página</translation>
    </message>
    <message>
        <source>the server is missing changes before #{seq}; contact support</source>
        <translation>al servidor le faltan cambios anteriores al n.º {seq}; contacte con soporte</translation>
    </message>
    <message>
        <source>the server's answer to queued changes was not readable</source>
        <translation>la respuesta del servidor a los cambios en cola no se pudo leer</translation>
    </message>
    <message>
        <source>guardian</source>
        <translation>tutor</translation>
    </message>
    <message>
        <source>pickup</source>
        <translation>persona autorizada a recoger</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>personal</translation>
    </message>
    <message>
        <source>family</source>
        <translation>familia</translation>
    </message>
    <message>
        <source>{name}'s {role} record in the {family} family</source>
        <translation>el registro de {role} de {name} en la familia {family}</translation>
    </message>
    <message>
        <source>{name}'s {role} record</source>
        <translation>el registro de {role} de {name}</translation>
    </message>
    <message>
        <source>no family or staff record has this phone number</source>
        <translation>ningún registro de familia ni de personal tiene este número de teléfono</translation>
    </message>
    <message>
        <source>{names} opted out of text messages</source>
        <translation>{names}: se dio de baja de los SMS</translation>
    </message>
    <message>
        <source>this phone number is shared by {count} records and every one must be opted in; opted out: {names}</source>
        <translation>este número de teléfono lo comparten {count} registros y todos deben estar dados de alta; dados de baja: {names}</translation>
    </message>
    <message>
        <source>this number replied STOP and has not texted START since</source>
        <translation>este número respondió STOP y no ha enviado START desde entonces</translation>
    </message>
    <message>
        <source>no family or staff record has this number, and it has not texted the centre</source>
        <translation>ningún registro de familia ni de personal tiene este número, y no ha escrito al centro</translation>
    </message>
    <message>
        <source>Full messaging access</source>
        <translation>Acceso completo a la mensajería</translation>
    </message>
    <message>
        <source>Mass Text</source>
        <translation>SMS masivos</translation>
    </message>
    <message>
        <source>SMS Logs</source>
        <translation>Registros de SMS</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Kiosk device</source>
        <translation>Dispositivo de quiosco</translation>
    </message>
    <message>
        <source>this action needs the {permission} permission</source>
        <translation>esta acción requiere el permiso «{permission}»</translation>
    </message>
    <message>
        <source>this conversation has been stopped and no longer takes replies</source>
        <translation>esta conversación se ha detenido y ya no admite respuestas</translation>
    </message>
    <message>
        <source>Check the disk; nothing was lost.</source>
        <translation>Revise el disco; no se perdió nada.</translation>
    </message>
    <message>
        <source>Front Desk could not save {what}: its data file cannot be written. {advice}</source>
        <translation>Front Desk no pudo guardar {what}: no se puede escribir en su archivo de datos. {advice}</translation>
    </message>
    <message>
        <source>Free some space; nothing was lost.</source>
        <translation>Libere espacio; no se perdió nada.</translation>
    </message>
    <message>
        <source>The disk is full: Front Desk could not save {what}. {advice}</source>
        <translation>El disco está lleno: Front Desk no pudo guardar {what}. {advice}</translation>
    </message>
    <message>
        <source>your changes</source>
        <translation>sus cambios</translation>
    </message>
    <message>
        <source>no device of the chosen families can receive notifications (0 devices)</source>
        <translation>ningún dispositivo de las familias elegidas puede recibir notificaciones (0 dispositivos)</translation>
    </message>
    <message>
        <source>template {id} belongs to another centre</source>
        <translation>la plantilla {id} pertenece a otro centro</translation>
    </message>
    <message>
        <source>only a message the centre sent can be retried</source>
        <translation>solo se puede reintentar un mensaje que envió el centro</translation>
    </message>
    <message>
        <source>there is no failed delivery to retry ({reason})</source>
        <translation>no hay ninguna entrega fallida que reintentar ({reason})</translation>
    </message>
    <message>
        <source>there is no failed delivery to retry</source>
        <translation>no hay ninguna entrega fallida que reintentar</translation>
    </message>
    <message>
        <source>{what} {id} does not exist</source>
        <translation>{what} {id} no existe</translation>
    </message>
    <message>
        <source>the monthly text limit is reached ({used} of {limit} SMS segments used; this needs {segments})</source>
        <translation>se alcanzó el límite mensual de SMS ({used} de {limit} segmentos usados; esto necesita {segments})</translation>
    </message>
    <message>
        <source>This person has no mobile number on file that may be texted: show the PIN on screen or send it by email.</source>
        <translation>Esta persona no tiene registrado un móvil al que se puedan enviar SMS: muestre el PIN en pantalla o envíelo por correo electrónico.</translation>
    </message>
    <message>
        <source>This person has no email address on file: show the PIN on screen or send it by SMS.</source>
        <translation>Esta persona no tiene registrado un correo electrónico: muestre el PIN en pantalla o envíelo por SMS.</translation>
    </message>
    <message>
        <source>The file has no name.</source>
        <translation>El archivo no tiene nombre.</translation>
    </message>
    <message>
        <source>The file name is longer than {limit} characters.</source>
        <translation>El nombre del archivo tiene más de {limit} caracteres.</translation>
    </message>
    <message>
        <source>The file name contains control characters.</source>
        <translation>El nombre del archivo contiene caracteres de control.</translation>
    </message>
    <message>
        <source>The file name "{name}" contains a folder path; rename the file and try again.</source>
        <translation>El nombre de archivo «{name}» contiene una ruta de carpeta; cambie el nombre del archivo e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The file name starts with a dot; rename the file.</source>
        <translation>El nombre del archivo empieza por un punto; cámbielo.</translation>
    </message>
    <message>
        <source>"{name}" is not a kind of file that can be attached (allowed: {taken}).</source>
        <translation>«{name}» no es un tipo de archivo que se pueda adjuntar (se admiten: {taken}).</translation>
    </message>
    <message>
        <source>"{name}" is a {actual} file, not {claimed}</source>
        <translation>«{name}» es un archivo {actual}, no {claimed}</translation>
    </message>
    <message>
        <source>"{name}" is {size} MB; attachments can be at most {limit} MB.</source>
        <translation>«{name}» ocupa {size} MB; los archivos adjuntos pueden ocupar como máximo {limit} MB.</translation>
    </message>
    <message>
        <source>"{name}" is empty.</source>
        <translation>«{name}» está vacío.</translation>
    </message>
    <message>
        <source>"{name}" is not the kind of file its name says ({kind}); it was not attached.</source>
        <translation>«{name}» no es el tipo de archivo que indica su nombre ({kind}); no se adjuntó.</translation>
    </message>
    <message>
        <source>"{name}" has not been downloaded yet; it can be opened once the network is back.</source>
        <translation>«{name}» aún no se ha descargado; podrá abrirse cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>The file "{name}" cannot be read: {reason}</source>
        <translation>No se puede leer el archivo «{name}»: {reason}</translation>
    </message>
    <message>
        <source>A message can carry at most {limit} files.</source>
        <translation>Un mensaje puede llevar como máximo {limit} archivos.</translation>
    </message>
    <message>
        <source>"{name}" arrived damaged (its checksum differs); try again.</source>
        <translation>«{name}» llegó dañado (su suma de comprobación no coincide); inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>EverythingDelegate</name>
    <message>
        <source>{kind}:</source>
        <translation>{kind}:</translation>
    </message>
</context>
<context>
    <name>EverythingModel</name>
    <message>
        <source>{title} ({channel})</source>
        <translation>{title} ({channel})</translation>
    </message>
    <message>
        <source>{title}: {detail}</source>
        <translation>{title}: {detail}</translation>
    </message>
</context>
<context>
    <name>FailureBar</name>
    <message>
        <source>Not sent: {reason} — “{body}”</source>
        <translation>No enviado: {reason}: «{body}»</translation>
    </message>
    <message>
        <source>Delivery failed: {reason} — “{body}”</source>
        <translation>Falló la entrega: {reason}: «{body}»</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>Retry refused: {reason}</source>
        <translation>Reintento rechazado: {reason}</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>Reintentando…</translation>
    </message>
    <message>
        <source>Retry under way</source>
        <translation>Reintento en curso</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>Reintentar el envío</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>FallbackBar</name>
    <message>
        <source>{name}: {channel_failed}, so messages go {by_channel}</source>
        <translation>{name}: {channel_failed}, así que los mensajes van {by_channel}</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>Reset {name} to their preferred channel</source>
        <translation>Volver al canal preferido de {name}</translation>
    </message>
    <message>
        <source>Send the next message by their preferred channel again</source>
        <translation>Enviar el próximo mensaje otra vez por su canal preferido</translation>
    </message>
    <message>
        <source>Only an admin can reset someone else's channel</source>
        <translation>Solo un administrador puede restablecer el canal de otra persona</translation>
    </message>
</context>
<context>
    <name>FamiliesView</name>
    <message>
        <source>Search families, guardians, children, phones…</source>
        <translation>Buscar familias, tutores, niños, teléfonos…</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Guardians</source>
        <translation type="vanished">Tutores</translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="vanished">Alumnos</translation>
    </message>
    <message>
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <source>Pick a family to see its record.</source>
        <translation>Elija una familia para ver su ficha.</translation>
    </message>
</context>
<context>
    <name>FamilyRecordPage</name>
    <message>
        <source>&amp;Message this family…</source>
        <translation>&amp;Escribir a esta familia…</translation>
    </message>
    <message>
        <source>Queue &amp;kiosk message…</source>
        <translation>Poner mensaje en el &amp;quiosco…</translation>
    </message>
    <message>
        <source>New kiosk &amp;PIN…</source>
        <translation>Nuevo &amp;PIN del quiosco…</translation>
    </message>
    <message>
        <source>A new sign-in PIN for the selected guardian or pickup</source>
        <translation>Un PIN nuevo de entrada y salida para el tutor o la persona autorizada seleccionados</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Prefers</source>
        <translation>Prefiere</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>Mensajes de texto</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Alumno/a</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Aula</translation>
    </message>
    <message>
        <source>Right now</source>
        <translation>Ahora mismo</translation>
    </message>
    <message>
        <source>Signed in — {room}</source>
        <translation>Dentro: {room}</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin entrada registrada</translation>
    </message>
    <message>
        <source>Authorized pickup</source>
        <translation>Autorizado/a para recoger</translation>
    </message>
    <message>
        <source>May collect</source>
        <translation>Puede recoger</translation>
    </message>
    <message>
        <source>GUARDIANS AND CONTACTS</source>
        <translation>TUTORES Y CONTACTOS</translation>
    </message>
    <message>
        <source>Guardians</source>
        <translation>Tutores</translation>
    </message>
    <message>
        <source>STUDENTS</source>
        <translation>ALUMNOS</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <source>AUTHORIZED PICKUPS</source>
        <translation>AUTORIZADOS PARA RECOGER</translation>
    </message>
    <message>
        <source>Authorized pickups</source>
        <translation>Autorizados para recoger</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Datos</translation>
    </message>
    <message>
        <source>&amp;Communication</source>
        <translation>&amp;Comunicación</translation>
    </message>
    <message>
        <source>No phone</source>
        <translation>Sin teléfono</translation>
    </message>
    <message>
        <source>Opted in</source>
        <translation>Dado/a de alta</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>Dado/a de baja</translation>
    </message>
    <message>
        <source>Shared number opted out</source>
        <translation>Número compartido dado de baja</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>Welcome to Front Desk</source>
        <translation>Le damos la bienvenida a Front Desk</translation>
    </message>
    <message>
        <source>How will this computer be used?</source>
        <translation>¿Para qué se usará este equipo?</translation>
    </message>
    <message>
        <source>Connect to your centre</source>
        <translation>Conectarse a su Centro</translation>
    </message>
    <message>
        <source>Sign in to your centre's server with the account your administrator gave you.</source>
        <translation>Inicie sesión en el servidor de su Centro con la cuenta que le dio su administrador.</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Probar la demostración</translation>
    </message>
    <message>
        <source>Explore a made-up centre on this computer. Nothing is sent to anyone.</source>
        <translation>Explore un Centro ficticio en este equipo. No se envía nada a nadie.</translation>
    </message>
    <message>
        <source>Set up this computer as a kiosk</source>
        <translation>Configurar este equipo como quiosco</translation>
    </message>
    <message>
        <source>For the tablet or PC at the door where parents sign children in and out. You need an enrollment code from an administrator.</source>
        <translation>Para la tableta o el PC de la entrada, donde los padres registran la entrada y la salida de los niños. Necesita un código de vinculación de un administrador.</translation>
    </message>
</context>
<context>
    <name>Front Desk</name>
    <message>
        <source>{date}, {time}</source>
        <translation>{date}, {time}</translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
    <message>
        <source>Office Chat</source>
        <translation>Chat de oficina</translation>
    </message>
    <message>
        <source>Classroom Chat</source>
        <translation>Chat del aula</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>Mensaje de texto</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>No leída</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>by SMS</source>
        <translation>por SMS</translation>
    </message>
    <message>
        <source>by email</source>
        <translation>por correo electrónico</translation>
    </message>
    <message>
        <source>in the app</source>
        <translation>en la aplicación</translation>
    </message>
    <message>
        <source>SMS failed</source>
        <translation>Falló el SMS</translation>
    </message>
    <message>
        <source>Email failed</source>
        <translation>Falló el correo electrónico</translation>
    </message>
    <message>
        <source>The app failed</source>
        <translation>Falló la aplicación</translation>
    </message>
</context>
<context>
    <name>GroupPanel</name>
    <message>
        <source>Add people…</source>
        <translation>Añadir personas…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Cambiar nombre…</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <source>Stop…</source>
        <translation>Detener…</translation>
    </message>
    <message>
        <source>Transcript…</source>
        <translation>Transcripción…</translation>
    </message>
    <message>
        <source>Add participants, up to 15 people in all</source>
        <translation>Añadir participantes, hasta 15 personas en total</translation>
    </message>
    <message>
        <source>Make the conversation read-only for everyone</source>
        <translation>Dejar la conversación en solo lectura para todos</translation>
    </message>
    <message>
        <source>Download the conversation as HTML or PDF</source>
        <translation>Descargar la conversación en HTML o PDF</translation>
    </message>
    <message>
        <source>No unread count or notification for you</source>
        <translation>Sin contador de no leídos ni notificaciones para usted</translation>
    </message>
    <message>
        <source>Move it to your Archived list</source>
        <translation>Moverla a su lista de archivadas</translation>
    </message>
    <message>
        <source>CONVERSATION</source>
        <translation>CONVERSACIÓN</translation>
    </message>
    <message>
        <source>Stopped by {name} on {time}. It is read-only: no one can reply.</source>
        <translation>Detenida por {name} el {time}. Es de solo lectura: nadie puede responder.</translation>
    </message>
    <message>
        <source>a staff member</source>
        <translation>un miembro del personal</translation>
    </message>
    <message>
        <source>Muted for you: no unread count or notification.</source>
        <translation>Silenciada para usted: sin contador de no leídos ni notificaciones.</translation>
    </message>
    <message>
        <source>Archived for you.</source>
        <translation>Archivada para usted.</translation>
    </message>
    <message>
        <source>You are not a participant.</source>
        <translation>Usted no es participante.</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Dejar de silenciar</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>Desarchivar</translation>
    </message>
    <message>
        <source>PARTICIPANTS ({n} OF {most})</source>
        <translation>PARTICIPANTES ({n} DE {most})</translation>
    </message>
    <message>
        <source> (you)</source>
        <translation> (usted)</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Silenciada</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>Quitar a {name}</translation>
    </message>
    <message>
        <source>Remove {name} from the conversation</source>
        <translation>Quitar a {name} de la conversación</translation>
    </message>
    <message>
        <source>Not changed: {reason}</source>
        <translation>No se cambió: {reason}</translation>
    </message>
    <message>
        <source>Remove participant</source>
        <translation>Quitar participante</translation>
    </message>
    <message>
        <source>Remove {name} from “{title}”? They will no longer see the conversation.</source>
        <translation>¿Quitar a {name} de «{title}»? Ya no verá la conversación.</translation>
    </message>
    <message>
        <source>Stop conversation</source>
        <translation>Detener conversación</translation>
    </message>
    <message>
        <source>Stop “{title}”? No one will be able to reply, by app or by text, and this cannot be undone.</source>
        <translation>¿Detener «{title}»? Nadie podrá responder, ni por la aplicación ni por mensaje de texto, y no se puede deshacer.</translation>
    </message>
    <message>
        <source>Download transcript</source>
        <translation>Descargar transcripción</translation>
    </message>
    <message>
        <source>Web page (*.html);;PDF document (*.pdf)</source>
        <translation>Página web (*.html);;Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>That conversation is no longer on this workstation.</source>
        <translation>Esa conversación ya no está en este equipo.</translation>
    </message>
    <message>
        <source>Could not save the transcript: {reason}</source>
        <translation>No se pudo guardar la transcripción: {reason}</translation>
    </message>
    <message>
        <source>Transcript saved to {path}</source>
        <translation>Transcripción guardada en {path}</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>PIN entered so far</source>
        <translation>PIN introducido hasta ahora</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Borrar el último dígito</translation>
    </message>
</context>
<context>
    <name>KioskMessagesView</name>
    <message>
        <source>Acknowledged {time}</source>
        <translation>Confirmado {time}</translation>
    </message>
    <message>
        <source>Shown {time}</source>
        <translation>Mostrado {time}</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor/a</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>Escrito</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Show acknowledged and cancelled</source>
        <translation>Mostrar confirmados y cancelados</translation>
    </message>
    <message>
        <source>Queue kiosk message…</source>
        <translation>Poner mensaje en el quiosco…</translation>
    </message>
    <message>
        <source>Cancel message</source>
        <translation>Cancelar mensaje</translation>
    </message>
    <message>
        <source>{name} ({family}) · {n} waiting</source>
        <translation>{name} ({family}) · en espera: {n}</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Front Desk kiosk</source>
        <translation>Quiosco de Front Desk</translation>
    </message>
    <message>
        <source>{name} could not be signed {way}: this kiosk's storage is full. Please tell the office.</source>
        <translation>No se pudo registrar la {way} de {name}: el almacenamiento de este quiosco está lleno. Avise a la oficina.</translation>
    </message>
    <message>
        <source>in</source>
        <translation>entrada</translation>
    </message>
    <message>
        <source>out</source>
        <translation>salida</translation>
    </message>
    <message>
        <source>{name} signed in at {time}</source>
        <translation>Entrada de {name} registrada a las {time}</translation>
    </message>
    <message>
        <source>{name} signed out at {time}</source>
        <translation>Salida de {name} registrada a las {time}</translation>
    </message>
    <message>
        <source>● Connected</source>
        <translation>● Conectado</translation>
    </message>
    <message>
        <source>↻ Updating…</source>
        <translation>↻ Actualizando…</translation>
    </message>
    <message>
        <source>○ Offline: sign-ins are kept and sent later</source>
        <translation>○ Sin conexión: los registros se guardan y se envían más tarde</translation>
    </message>
    <message>
        <source>⚠ This kiosk is no longer enrolled: ask the office</source>
        <translation>⚠ Este quiosco ya no está vinculado: pregunte en la oficina</translation>
    </message>
    <message>
        <source>⚠ Sync problem: sign-ins are kept and sent later</source>
        <translation>⚠ Problema de sincronización: los registros se guardan y se envían más tarde</translation>
    </message>
</context>
<context>
    <name>KiosksDialog</name>
    <message>
        <source>Kiosks</source>
        <translation>Quioscos</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Enrolled by</source>
        <translation>Vinculado por</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Vinculado</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Última conexión</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>&amp;Revocar</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Consultando al servidor…</translation>
    </message>
    <message>
        <source>Revoke kiosk</source>
        <translation>Revocar quiosco</translation>
    </message>
    <message>
        <source>Revoke “{name}”? It stops working at once and forgets the parents' PINs; to use it again, enroll it again.</source>
        <translation>¿Revocar «{name}»? Dejará de funcionar en el acto y olvidará los PIN de los padres; para volver a usarlo, vincúlelo de nuevo.</translation>
    </message>
    <message>
        <source>No kiosk is enrolled yet.</source>
        <translation>Todavía no hay ningún quiosco vinculado.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revocado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Arabic</source>
        <translation>árabe</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>chino</translation>
    </message>
    <message>
        <source>English</source>
        <translation>inglés</translation>
    </message>
    <message>
        <source>French</source>
        <translation>francés</translation>
    </message>
    <message>
        <source>German</source>
        <translation>alemán</translation>
    </message>
    <message>
        <source>Haitian Creole</source>
        <translation>criollo haitiano</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>hindi</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italiano</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>japonés</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>coreano</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>polaco</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>portugués</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>ruso</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>somalí</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>español</translation>
    </message>
    <message>
        <source>Filipino</source>
        <translation>filipino</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>ucraniano</translation>
    </message>
    <message>
        <source>Urdu</source>
        <translation>urdu</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>vietnamita</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New Message</source>
        <translation>Nuevo mensaje</translation>
    </message>
    <message>
        <source>New Message (Ctrl+N)</source>
        <translation>Nuevo mensaje (Ctrl+N)</translation>
    </message>
    <message>
        <source>Front Desk</source>
        <translation>Front Desk</translation>
    </message>
    <message>
        <source>Opening your conversations…</source>
        <translation>Abriendo sus conversaciones…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New Message…</source>
        <translation>&amp;Nuevo mensaje…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>Cam&amp;biar de usuario…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Conversación siguiente</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Conversación anterior</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Search conversations</source>
        <translation>&amp;Buscar conversaciones</translation>
    </message>
    <message>
        <source>Search &amp;everything…</source>
        <translation>Buscar en &amp;todo…</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Mostrar todas</translation>
    </message>
    <message>
        <source>Show unread</source>
        <translation>Mostrar no leídas</translation>
    </message>
    <message>
        <source>Show open</source>
        <translation>Mostrar abiertas</translation>
    </message>
    <message>
        <source>Show closed</source>
        <translation>Mostrar cerradas</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>&amp;Push notification…</source>
        <translation>Notificación &amp;push…</translation>
    </message>
    <message>
        <source>&amp;Templates…</source>
        <translation>Plan&amp;tillas…</translation>
    </message>
    <message>
        <source>&amp;Enroll a kiosk…</source>
        <translation>&amp;Vincular un quiosco…</translation>
    </message>
    <message>
        <source>&amp;Kiosks…</source>
        <translation>&amp;Quioscos…</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Conversación</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Responder</translation>
    </message>
    <message>
        <source>&amp;Close conversation</source>
        <translation>&amp;Cerrar conversación</translation>
    </message>
    <message>
        <source>Re&amp;open conversation</source>
        <translation>Re&amp;abrir conversación</translation>
    </message>
    <message>
        <source>Re&amp;try failed message</source>
        <translation>Rein&amp;tentar mensaje fallido</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Apariencia</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Seguir al &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>Office Chat</source>
        <translation>Chat de oficina</translation>
    </message>
    <message>
        <source>Classroom Chat</source>
        <translation>Chat del aula</translation>
    </message>
    <message>
        <source>Messenger Center</source>
        <translation>Mensajería SMS</translation>
    </message>
    <message>
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Kiosk messages</source>
        <translation>Mensajes del quiosco</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Background tasks</source>
        <translation>Tareas en segundo plano</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>That conversation is not on this workstation yet.</source>
        <translation>Esa conversación todavía no está en este equipo.</translation>
    </message>
    <message>
        <source>You may not open that conversation.</source>
        <translation>No tiene permiso para abrir esa conversación.</translation>
    </message>
    <message>
        <source>That record cannot be messaged from this workstation.</source>
        <translation>No se puede escribir a ese registro desde este equipo.</translation>
    </message>
    <message>
        <source>Push notification queued: it goes out by itself when online</source>
        <translation>Notificación push en cola: se enviará sola cuando haya conexión</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <source>Not sent: {reasons}</source>
        <translation>No enviado: {reasons}</translation>
    </message>
</context>
<context>
    <name>MessageList</name>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>{author} · {time}</source>
        <translation>{author} · {time}</translation>
    </message>
    <message>
        <source>Attached: {file}</source>
        <translation>Adjunto: {file}</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>{state} — {notes}</source>
        <translation>{state}: {notes}</translation>
    </message>
    <message>
        <source>Queued offline — sends when back online</source>
        <translation>En cola sin conexión: se envía al volver la conexión</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>Error: {reason}</translation>
    </message>
    <message>
        <source>Emergency SMS</source>
        <translation>SMS de emergencia</translation>
    </message>
    <message>
        <source>Seen by {name} · {time}</source>
        <translation>Visto por {name} · {time}</translation>
    </message>
    <message>
        <source>Seen by everyone</source>
        <translation>Visto por todos</translation>
    </message>
    <message>
        <source>Seen by {n}</source>
        <translation>Visto por {n}</translation>
    </message>
    <message>
        <source>Seen by:</source>
        <translation>Visto por:</translation>
    </message>
    <message>
        <source>{name} — {time}</source>
        <translation>{name}, {time}</translation>
    </message>
    <message>
        <source>Not seen yet by: {names}</source>
        <translation>Aún no visto por: {names}</translation>
    </message>
    <message>
        <source>Translated to {language} for {names}</source>
        <translation>Traducido al {language} para {names}</translation>
    </message>
    <message>
        <source>Translated to {language} for {n} people</source>
        <translation>Traducido al {language} para {n} personas</translation>
    </message>
    <message>
        <source>Sent to {name} {by_channel}: {channel_failed}</source>
        <translation>Enviado a {name} {by_channel}: {channel_failed}</translation>
    </message>
    <message>
        <source>…and {n} more</source>
        <translation>…y {n} más</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <source>OK, thank you</source>
        <translation>Entendido, gracias</translation>
    </message>
    <message>
        <source>Hello, {name}!</source>
        <translation>¡Hola, {name}!</translation>
    </message>
    <message>
        <source>A message from the office ({n} of {total})</source>
        <translation>Un mensaje de la oficina ({n} de {total})</translation>
    </message>
</context>
<context>
    <name>NavigationModel</name>
    <message>
        <source>{label}: {unread} unread, {open} open</source>
        <translation>{label}: sin leer {unread}, abiertas {open}</translation>
    </message>
    <message>
        <source>{unread} unread messages, {open} open conversations</source>
        <translation>Mensajes sin leer: {unread}; conversaciones abiertas: {open}</translation>
    </message>
</context>
<context>
    <name>NavigationView</name>
    <message>
        <source>Navigation</source>
        <translation>Navegación</translation>
    </message>
</context>
<context>
    <name>NewMessageDialog</name>
    <message>
        <source>New Message</source>
        <translation>Nuevo mensaje</translation>
    </message>
    <message>
        <source>Message channel</source>
        <translation>Canal del mensaje</translation>
    </message>
    <message>
        <source>Office Chat is for admins with full messaging access.</source>
        <translation>El Chat de oficina es para administradores con acceso completo a la mensajería.</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>C&amp;anal</translation>
    </message>
    <message>
        <source>&amp;Individually</source>
        <translation>&amp;Individualmente</translation>
    </message>
    <message>
        <source>Each family or person gets the message in a private conversation; nobody sees who else received it.</source>
        <translation>Cada familia o persona recibe el mensaje en una conversación privada; nadie ve quién más lo recibió.</translation>
    </message>
    <message>
        <source>As a &amp;group conversation</source>
        <translation>Como conversación de &amp;grupo</translation>
    </message>
    <message>
        <source>One reply-all conversation of everyone picked, you included (at most {n} people).</source>
        <translation>Una conversación de respuesta a todos con todos los elegidos, usted incluido/a (como máximo {n} personas).</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>Subject (optional): the title of staff and group conversations</source>
        <translation>Asunto (opcional): el título de las conversaciones con el personal y de grupo</translation>
    </message>
    <message>
        <source>Su&amp;bject</source>
        <translation>A&amp;sunto</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Write your message…</source>
        <translation>Escriba su mensaje…</translation>
    </message>
    <message>
        <source>Send as &amp;Emergency SMS</source>
        <translation>Enviar como SMS de &amp;emergencia</translation>
    </message>
    <message>
        <source>Sending text messages needs the Mass Text permission.</source>
        <translation>Para enviar mensajes de texto hace falta el permiso Textos masivos.</translation>
    </message>
    <message>
        <source>Counted from the messages on this computer; the server keeps the final count and refuses a text past the monthly limit.</source>
        <translation>Contado a partir de los mensajes de este equipo; el servidor lleva la cuenta definitiva y rechaza cualquier mensaje de texto que supere el límite mensual.</translation>
    </message>
    <message>
        <source>Text messages are one-way: parents cannot reply to them, but can answer in the app's Messages section.</source>
        <translation>Los mensajes de texto son de un solo sentido: los padres no pueden responderlos, pero pueden contestar en la sección Mensajes de la aplicación.</translation>
    </message>
    <message>
        <source>Show at Sign In-Out &amp;Kiosk</source>
        <translation>Mostrar en el &amp;quiosco de entrada y salida</translation>
    </message>
    <message>
        <source>Shown to each guardian the next time they enter their PIN at the kiosk.</source>
        <translation>Se muestra a cada tutor la próxima vez que introduzca su PIN en el quiosco.</translation>
    </message>
    <message>
        <source>Not texted</source>
        <translation>Sin mensaje de texto</translation>
    </message>
    <message>
        <source>Send Message</source>
        <translation>Enviar mensaje</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Enviar (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>1 character</source>
        <translation>1 carácter</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} caracteres</translation>
    </message>
    <message>
        <source>{n} / {limit} characters · {segments}</source>
        <translation>{n} / {limit} caracteres · {segments}</translation>
    </message>
    <message>
        <source>1 SMS segment</source>
        <translation>1 segmento de SMS</translation>
    </message>
    <message>
        <source>{n} SMS segments</source>
        <translation>{n} segmentos de SMS</translation>
    </message>
    <message>
        <source>{guardians} in {families}</source>
        <translation>{guardians} en {families}</translation>
    </message>
    <message>
        <source>1 guardian</source>
        <translation>1 tutor</translation>
    </message>
    <message>
        <source>{n} guardians</source>
        <translation>{n} tutores</translation>
    </message>
    <message>
        <source>1 family</source>
        <translation>1 familia</translation>
    </message>
    <message>
        <source>{n} families</source>
        <translation>{n} familias</translation>
    </message>
    <message>
        <source>1 staff member</source>
        <translation>1 miembro del personal</translation>
    </message>
    <message>
        <source>{n} staff members</source>
        <translation>{n} miembros del personal</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>1 group conversation</source>
        <translation>1 conversación de grupo</translation>
    </message>
    <message>
        <source>1 conversation</source>
        <translation>1 conversación</translation>
    </message>
    <message>
        <source>{n} conversations</source>
        <translation>{n} conversaciones</translation>
    </message>
    <message>
        <source>Pick recipients to see who this message reaches.</source>
        <translation>Elija destinatarios para ver a quién llega este mensaje.</translation>
    </message>
    <message>
        <source>Goes to {reach} ({conversations}).</source>
        <translation>Va a {reach} ({conversations}).</translation>
    </message>
    <message>
        <source>Texts {phones}; {excluded} not texted.</source>
        <translation>Envía mensaje de texto a {phones}; {excluded} sin mensaje de texto.</translation>
    </message>
    <message>
        <source>1 phone</source>
        <translation>1 teléfono</translation>
    </message>
    <message>
        <source>{n} phones</source>
        <translation>{n} teléfonos</translation>
    </message>
    <message>
        <source>Monthly SMS segments: {used} of {limit} used, {left} left; this message uses {n}.</source>
        <translation>Segmentos de SMS del mes: {used} de {limit} usados, quedan {left}; este mensaje usa {n}.</translation>
    </message>
    <message>
        <source>Shown at the sign-in kiosk to {guardians} at their next PIN entry.</source>
        <translation>Se muestra en el quiosco de entrada y salida a {guardians} la próxima vez que introduzcan su PIN.</translation>
    </message>
    <message>
        <source>no phone number on file</source>
        <translation>no hay número de teléfono registrado</translation>
    </message>
    <message>
        <source>opted out of text messages</source>
        <translation>se dio de baja de los mensajes de texto</translation>
    </message>
    <message>
        <source>no record of consent for this number</source>
        <translation>no consta el consentimiento para este número</translation>
    </message>
    <message>
        <source>shares {phone} with {names}, who opted out</source>
        <translation>comparte {phone} con {names}, que se dio de baja</translation>
    </message>
    <message>
        <source>{name} — not texted: {reason}</source>
        <translation>{name}: sin mensaje de texto: {reason}</translation>
    </message>
    <message>
        <source>A group conversation can include up to {limit} people, you included; this one would have {n}. Remove some recipients, or send it individually.</source>
        <translation>Una conversación de grupo puede incluir hasta {limit} personas, usted incluido/a; esta tendría {n}. Quite algunos destinatarios o envíelo individualmente.</translation>
    </message>
    <message>
        <source>An emergency text is limited to {limit} characters; remove {over}.</source>
        <translation>Un mensaje de texto de emergencia tiene un límite de {limit} caracteres; quite {over}.</translation>
    </message>
    <message>
        <source>These recipients reach nobody: no guardian or staff member to message.</source>
        <translation>Estos destinatarios no llegan a nadie: no hay ningún tutor ni miembro del personal a quien escribir.</translation>
    </message>
    <message>
        <source>An emergency text goes to families: pick at least one family.</source>
        <translation>Un mensaje de texto de emergencia va a las familias: elija al menos una familia.</translation>
    </message>
    <message>
        <source>An emergency text cannot carry files: remove them, or send it without Emergency SMS.</source>
        <translation>Un SMS de emergencia no puede llevar archivos: quítelos o envíelo sin SMS de emergencia.</translation>
    </message>
    <message>
        <source>None of these guardians can receive a text message.</source>
        <translation>Ninguno de estos tutores puede recibir un mensaje de texto.</translation>
    </message>
    <message>
        <source>This needs {n} SMS segments but only {left} are left this month. Contact support to raise the monthly limit, or send it without Emergency SMS.</source>
        <translation>Esto necesita {n} segmentos de SMS, pero solo quedan {left} este mes. Pida a soporte que aumente el límite mensual o envíelo sin SMS de emergencia.</translation>
    </message>
    <message>
        <source>Send this message?</source>
        <translation>¿Enviar este mensaje?</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>This message goes to {reach}.</source>
        <translation>Este mensaje va a {reach}.</translation>
    </message>
    <message>
        <source>Everyone is in one group conversation and sees the others' names.</source>
        <translation>Todos están en una misma conversación de grupo y ven los nombres de los demás.</translation>
    </message>
    <message>
        <source>Each gets it privately ({conversations}); nobody sees the others.</source>
        <translation>Cada uno lo recibe en privado ({conversations}); nadie ve a los demás.</translation>
    </message>
    <message>
        <source>Emergency text to {phones}, {segments} of the {left} SMS segments left this month; {excluded} not texted.</source>
        <translation>Mensaje de texto de emergencia a {phones}: {segments} de los {left} segmentos de SMS que quedan este mes; {excluded} sin mensaje de texto.</translation>
    </message>
    <message>
        <source>1 guardian opted out of text messages.</source>
        <translation>1 tutor se dio de baja de los mensajes de texto.</translation>
    </message>
    <message>
        <source>{n} guardians opted out of text messages.</source>
        <translation>{n} tutores se dieron de baja de los mensajes de texto.</translation>
    </message>
    <message>
        <source>{name} (guardian)</source>
        <translation>{name} (tutor/a)</translation>
    </message>
    <message>
        <source>{name} (staff)</source>
        <translation>{name} (personal)</translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation>y {n} más</translation>
    </message>
    <message>
        <source>Sent to {reach}</source>
        <translation>Enviado a {reach}</translation>
    </message>
    <message>
        <source>; {n} opted out</source>
        <translation>; dados de baja: {n}</translation>
    </message>
</context>
<context>
    <name>ParticipantsDialog</name>
    <message>
        <source>Add participants</source>
        <translation>Añadir participantes</translation>
    </message>
    <message>
        <source>Search staff and guardians by name…</source>
        <translation>Buscar personal y tutores por nombre…</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>Buscar personas</translation>
    </message>
    <message>
        <source>People who can be added</source>
        <translation>Personas que se pueden añadir</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>{picked} selected · {total} of {most} people</source>
        <translation>Seleccionados: {picked} · {total} de {most} personas</translation>
    </message>
    <message>
        <source>Cannot add: {reason}</source>
        <translation>No se puede añadir: {reason}</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <source>{family} — {children}</source>
        <translation>{family} — {children}</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>Mensaje de texto</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor/a</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Autorizado/a para recoger</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Alumno/a</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Docente</translation>
    </message>
    <message>
        <source>Full messaging access</source>
        <translation>Acceso completo a la mensajería</translation>
    </message>
    <message>
        <source>Mass Text</source>
        <translation>Textos masivos</translation>
    </message>
    <message>
        <source>SMS Logs</source>
        <translation>Registros de SMS</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Kiosk device</source>
        <translation>Dispositivo del quiosco</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Sent a message</source>
        <translation>Envió un mensaje</translation>
    </message>
    <message>
        <source>Opened a conversation</source>
        <translation>Abrió una conversación</translation>
    </message>
    <message>
        <source>Closed a conversation</source>
        <translation>Cerró una conversación</translation>
    </message>
    <message>
        <source>Reopened a conversation</source>
        <translation>Reabrió una conversación</translation>
    </message>
    <message>
        <source>Number made it Unread</source>
        <translation>Un número la dejó como No leída</translation>
    </message>
    <message>
        <source>Stopped a conversation</source>
        <translation>Detuvo una conversación</translation>
    </message>
    <message>
        <source>Renamed a conversation</source>
        <translation>Cambió el nombre de una conversación</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Inició sesión</translation>
    </message>
    <message>
        <source>Failed sign-in</source>
        <translation>Inicio de sesión fallido</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Sesión cerrada</translation>
    </message>
    <message>
        <source>Enrolled a kiosk</source>
        <translation>Vinculó un quiosco</translation>
    </message>
    <message>
        <source>Kiosk locked out</source>
        <translation>Quiosco bloqueado</translation>
    </message>
    <message>
        <source>Reset a kiosk PIN</source>
        <translation>Restableció un PIN del quiosco</translation>
    </message>
    <message>
        <source>Revoked a kiosk</source>
        <translation>Revocó un quiosco</translation>
    </message>
    <message>
        <source>Opted out of texts</source>
        <translation>Se dio de baja de los mensajes de texto</translation>
    </message>
    <message>
        <source>Opted in to texts</source>
        <translation>Se dio de alta en los mensajes de texto</translation>
    </message>
    <message>
        <source>Started a group conversation</source>
        <translation>Empezó una conversación de grupo</translation>
    </message>
    <message>
        <source>Added a participant</source>
        <translation>Añadió un participante</translation>
    </message>
    <message>
        <source>Removed a participant</source>
        <translation>Quitó un participante</translation>
    </message>
    <message>
        <source>Muted a conversation</source>
        <translation>Silenció una conversación</translation>
    </message>
    <message>
        <source>Unmuted a conversation</source>
        <translation>Dejó de silenciar una conversación</translation>
    </message>
    <message>
        <source>Archived a conversation</source>
        <translation>Archivó una conversación</translation>
    </message>
    <message>
        <source>Unarchived a conversation</source>
        <translation>Desarchivó una conversación</translation>
    </message>
    <message>
        <source>Refused a reply to a stopped conversation</source>
        <translation>Rechazó una respuesta a una conversación detenida</translation>
    </message>
    <message>
        <source>Refused an emailed reply</source>
        <translation>Rechazó una respuesta por correo electrónico</translation>
    </message>
    <message>
        <source>Changed preferred channel or language</source>
        <translation>Cambió el canal preferido o el idioma</translation>
    </message>
    <message>
        <source>Reset a channel fallback</source>
        <translation>Restableció un canal alternativo</translation>
    </message>
    <message>
        <source>Linked a number to a guardian</source>
        <translation>Vinculó un número a un tutor</translation>
    </message>
    <message>
        <source>Saved a number as a new contact</source>
        <translation>Guardó un número como contacto nuevo</translation>
    </message>
    <message>
        <source>Saved a template</source>
        <translation>Guardó una plantilla</translation>
    </message>
    <message>
        <source>Deleted a template</source>
        <translation>Eliminó una plantilla</translation>
    </message>
    <message>
        <source>Changed staff permissions</source>
        <translation>Cambió los permisos del personal</translation>
    </message>
    <message>
        <source>Changed split-family privacy</source>
        <translation>Cambió la privacidad de familia separada</translation>
    </message>
    <message>
        <source>Changed centre settings</source>
        <translation>Cambió los ajustes del Centro</translation>
    </message>
    <message>
        <source>Opened a texted link to attachments</source>
        <translation>Abrió un enlace a adjuntos enviado por SMS</translation>
    </message>
</context>
<context>
    <name>PinChoiceDialog</name>
    <message>
        <source>New kiosk PIN</source>
        <translation>Nuevo PIN del quiosco</translation>
    </message>
    <message>
        <source>Replace {name}'s kiosk PIN? Their old PIN stops working at once.</source>
        <translation>¿Reemplazar el PIN del quiosco de {name}? Su PIN anterior deja de funcionar de inmediato.</translation>
    </message>
    <message>
        <source>How should the new PIN reach them?</source>
        <translation>¿Cómo debe recibir el nuevo PIN?</translation>
    </message>
    <message>
        <source>Show it on this screen, to hand over now</source>
        <translation>Mostrarlo en esta pantalla, para entregarlo ahora</translation>
    </message>
    <message>
        <source>Send it by text to {phone}</source>
        <translation>Enviarlo por mensaje de texto al {phone}</translation>
    </message>
    <message>
        <source>Send it by email to {email}</source>
        <translation>Enviarlo por correo electrónico a {email}</translation>
    </message>
    <message>
        <source>&amp;Replace PIN</source>
        <translation>&amp;Reemplazar PIN</translation>
    </message>
    <message>
        <source>Not by text: this number has opted out of texts.</source>
        <translation>No por mensaje de texto: este número no acepta mensajes de texto.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Welcome! Please enter your PIN</source>
        <translation>¡Le damos la bienvenida! Introduzca su PIN</translation>
    </message>
    <message>
        <source>dddd d MMMM</source>
        <translation>dddd, d 'de' MMMM</translation>
    </message>
    <message>
        <source>That PIN was not recognised. Please try again (1 try left).</source>
        <translation>No se reconoció ese PIN. Inténtelo de nuevo (queda 1 intento).</translation>
    </message>
    <message>
        <source>That PIN was not recognised. Please try again ({n} tries left).</source>
        <translation>No reconocemos ese PIN. Inténtelo de nuevo (intentos restantes: {n}).</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The keypad is locked for {s} s. Please ask at the office if you need help.</source>
        <translation>Demasiados PIN incorrectos. El teclado queda bloqueado durante {s} s. Si necesita ayuda, pregunte en la oficina.</translation>
    </message>
</context>
<context>
    <name>PreferencesBox</name>
    <message>
        <source>HOW THEY ARE TOLD OF MESSAGES</source>
        <translation>CÓMO SE LE AVISA DE LOS MENSAJES</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal preferido</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>en, es, pt-BR…</source>
        <translation>en, es, pt-BR…</translation>
    </message>
    <message>
        <source>&amp;Save preferences</source>
        <translation>&amp;Guardar preferencias</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Restablecer</translation>
    </message>
    <message>
        <source>Use the preferred channel again</source>
        <translation>Volver a usar el canal preferido</translation>
    </message>
    <message>
        <source>Keep their conversations private (split family)</source>
        <translation>Mantener sus conversaciones en privado (familia separada)</translation>
    </message>
    <message>
        <source>This guardian's conversations are their own, not shared with the family's other guardians (administrators change this)</source>
        <translation>Las conversaciones de este tutor son solo suyas y no se comparten con los demás tutores de la familia (lo cambian los administradores)</translation>
    </message>
    <message>
        <source>Tell them by</source>
        <translation>Avisarle por</translation>
    </message>
    <message>
        <source>in</source>
        <translation type="vanished">en</translation>
    </message>
    <message>
        <source>Pick a guardian to see how they are told of messages.</source>
        <translation>Elija un tutor para ver cómo se le avisa de los mensajes.</translation>
    </message>
    <message>
        <source>Authorized pickups are not sent messages.</source>
        <translation>A las personas autorizadas para recoger no se les envían mensajes.</translation>
    </message>
    <message>
        <source>Only administrators and staff with messaging or Mass Text may change this.</source>
        <translation>Solo los administradores y el personal con mensajería o Textos masivos pueden cambiar esto.</translation>
    </message>
    <message>
        <source>Only an administrator or {name} may change this.</source>
        <translation>Solo un administrador o {name} puede cambiar esto.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>No se guardó: {reason}</translation>
    </message>
    <message>
        <source>Texts need a phone number on this record.</source>
        <translation>Los mensajes de texto necesitan un número de teléfono en esta ficha.</translation>
    </message>
    <message>
        <source>Email needs an email address on this record.</source>
        <translation>El correo electrónico necesita una dirección de correo en esta ficha.</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>Mensajes de texto</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>App notifications</source>
        <translation>Notificaciones de la aplicación</translation>
    </message>
    <message>
        <source>{channel} failing since {when} ({reason})</source>
        <translation>{channel}: falla desde {when} ({reason})</translation>
    </message>
    <message>
        <source>using text messages</source>
        <translation>ahora se usan los mensajes de texto</translation>
    </message>
    <message>
        <source>using email</source>
        <translation>ahora se usa el correo electrónico</translation>
    </message>
    <message>
        <source>using the app</source>
        <translation>ahora se usa la aplicación</translation>
    </message>
    <message>
        <source>no other channel reaches them</source>
        <translation>ningún otro canal le llega</translation>
    </message>
</context>
<context>
    <name>PushDialog</name>
    <message>
        <source>Send Push Notification Message</source>
        <translation>Enviar notificación push</translation>
    </message>
    <message>
        <source>Classes and camps reach families with an ACTIVE enrollment only.</source>
        <translation>Las clases y los campamentos solo llegan a las familias con una inscripción ACTIVA.</translation>
    </message>
    <message>
        <source>One per family</source>
        <translation>Una por familia</translation>
    </message>
    <message>
        <source>One per student</source>
        <translation>Una por alumno</translation>
    </message>
    <message>
        <source>One per enrollment</source>
        <translation>Una por inscripción</translation>
    </message>
    <message>
        <source>Attending &amp;between</source>
        <translation>Asisten &amp;entre</translation>
    </message>
    <message>
        <source>An estimate from the devices that installed the app: it cannot know about apps uninstalled since, or notifications turned off.</source>
        <translation>Una estimación según los dispositivos que instalaron la aplicación: no puede saber si la han desinstalado después ni si han desactivado las notificaciones.</translation>
    </message>
    <message>
        <source>None of these families has a device with the app and notifications on, so there is nothing to send.</source>
        <translation>Ninguna de estas familias tiene un dispositivo con la aplicación y las notificaciones activadas, así que no hay nada que enviar.</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>No template</source>
        <translation>Sin plantilla</translation>
    </message>
    <message>
        <source># of Push Notification messages being sent: {n}</source>
        <translation>Notificaciones push que se enviarán: {n}</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} caracteres</translation>
    </message>
    <message>
        <source>1 character</source>
        <translation>1 carácter</translation>
    </message>
    <message>
        <source>Sending notifications needs the Mass Text permission.</source>
        <translation>Para enviar notificaciones hace falta el permiso Textos masivos.</translation>
    </message>
</context>
<context>
    <name>QueueKioskMessageDialog</name>
    <message>
        <source>Queue a kiosk message</source>
        <translation>Poner un mensaje en el quiosco</translation>
    </message>
    <message>
        <source>Find a guardian or family…</source>
        <translation>Buscar un tutor o una familia…</translation>
    </message>
    <message>
        <source>Shown at the guardian's next PIN entry at the sign-in kiosk</source>
        <translation>Se muestra la próxima vez que el tutor introduzca su PIN en el quiosco de entrada y salida</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Poner en cola</translation>
    </message>
    <message>
        <source>For: {names}</source>
        <translation>Para: {names}</translation>
    </message>
    <message>
        <source>Choose guardians</source>
        <translation>Elegir tutores</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <source>Rename conversation</source>
        <translation>Cambiar el nombre de la conversación</translation>
    </message>
    <message>
        <source>Conversation title</source>
        <translation>Título de la conversación</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Cambiar nombre</translation>
    </message>
    <message>
        <source>Everyone in the conversation sees the new title.</source>
        <translation>Todos los de la conversación ven el nuevo título.</translation>
    </message>
    <message>
        <source>Cannot rename: {reason}</source>
        <translation>No se puede cambiar el nombre: {reason}</translation>
    </message>
</context>
<context>
    <name>ResetKioskPinDialog</name>
    <message>
        <source>New kiosk PIN</source>
        <translation>Nuevo PIN del quiosco</translation>
    </message>
    <message>
        <source>{name}'s new PIN for the sign-in kiosk. Their old PIN no longer works.</source>
        <translation>Nuevo PIN de {name} para el quiosco de entrada y salida. El PIN anterior ya no funciona.</translation>
    </message>
    <message>
        <source>{name}'s new PIN for the sign-in kiosk goes by text to the number on file. Their old PIN no longer works.</source>
        <translation>El nuevo PIN de {name} para el quiosco de entrada y salida se envía por mensaje de texto al número registrado. El PIN anterior ya no funciona.</translation>
    </message>
    <message>
        <source>{name}'s new PIN for the sign-in kiosk goes by email to the address on file. Their old PIN no longer works.</source>
        <translation>El nuevo PIN de {name} para el quiosco de entrada y salida se envía por correo electrónico a la dirección registrada. El PIN anterior ya no funciona.</translation>
    </message>
    <message>
        <source>Hand it over now: Front Desk will not show it again.</source>
        <translation>Entréguelo ahora: Front Desk no lo volverá a mostrar.</translation>
    </message>
    <message>
        <source>The new PIN is on its way by text. Front Desk does not show it.</source>
        <translation>El nuevo PIN va en camino por mensaje de texto. Front Desk no lo muestra.</translation>
    </message>
    <message>
        <source>The new PIN is on its way by email. Front Desk does not show it.</source>
        <translation>El nuevo PIN va en camino por correo electrónico. Front Desk no lo muestra.</translation>
    </message>
</context>
<context>
    <name>SearchEverything</name>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <source>Guardians</source>
        <translation>Tutores</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
</context>
<context>
    <name>SearchEverythingDialog</name>
    <message>
        <source>Search everything</source>
        <translation>Buscar en todo</translation>
    </message>
    <message>
        <source>Conversations, families, students, staff…</source>
        <translation>Conversaciones, familias, alumnos, personal…</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <source>Type two letters or more of a name, a number or a message.</source>
        <translation>Escriba dos letras o más de un nombre, un número o un mensaje.</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>Nada coincide con «{text}».</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Kiosk settings</source>
        <translation>Ajustes del quiosco</translation>
    </message>
    <message>
        <source>Shorter idle timeout</source>
        <translation>Tiempo de espera más corto</translation>
    </message>
    <message>
        <source>Longer idle timeout</source>
        <translation>Tiempo de espera más largo</translation>
    </message>
    <message>
        <source>Sign out this device</source>
        <translation>Cerrar la sesión de este dispositivo</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Salir del quiosco</translation>
    </message>
    <message>
        <source>Back to the kiosk</source>
        <translation>Volver al quiosco</translation>
    </message>
    <message>
        <source>{n} sign-ins or acknowledgements are still waiting to be sent; this device can be signed out once they are.</source>
        <translation>Aún hay registros de entrada o confirmaciones por enviar ({n}); podrá cerrar la sesión de este dispositivo cuando se hayan enviado.</translation>
    </message>
    <message>
        <source>Back to the PIN screen after {s} s without a touch</source>
        <translation>Vuelve a la pantalla del PIN tras {s} s sin tocarla</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Send the reply being typed</source>
        <translation>Enviar la respuesta que se está escribiendo</translation>
    </message>
    <message>
        <source>Search now (in the search box)</source>
        <translation>Buscar ahora (en el cuadro de búsqueda)</translation>
    </message>
    <message>
        <source>Move through conversations in the list</source>
        <translation>Moverse por las conversaciones de la lista</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to Front Desk</source>
        <translation>Iniciar sesión en Front Desk</translation>
    </message>
    <message>
        <source>https://frontdesk.example.org</source>
        <translation>https://frontdesk.example.org</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Fill in the server address, your username and your password.</source>
        <translation>Indique la dirección del servidor, su usuario y su contraseña.</translation>
    </message>
    <message>
        <source>Fill in the server, your username and your password.</source>
        <translation type="vanished">Indique el servidor, su usuario y su contraseña.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
</context>
<context>
    <name>SignInErrors</name>
    <message>
        <source>Type the server's web address, for example https://frontdesk.example.org.</source>
        <translation>Escriba la dirección web del servidor, por ejemplo https://frontdesk.example.org.</translation>
    </message>
    <message>
        <source>Front Desk cannot reach {server}. Check the address and this computer's network connection, then try again.</source>
        <translation>Front Desk no puede conectar con {server}. Revise la dirección y la conexión de red de este equipo y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The security certificate of {server} is not trusted by this computer. Check the address; if it is right, ask your administrator to install the centre's certificate.</source>
        <translation>Este equipo no confía en el certificado de seguridad de {server}. Revise la dirección; si es correcta, pida a su administrador que instale el certificado del Centro.</translation>
    </message>
    <message>
        <source>{server} answered, but it is not a Front Desk server. Check the address with your administrator.</source>
        <translation>{server} respondió, pero no es un servidor de Front Desk. Confirme la dirección con su administrador.</translation>
    </message>
    <message>
        <source>The Front Desk server at {server} is not ready yet (it may be upgrading). Try again in a few minutes.</source>
        <translation>El servidor de Front Desk en {server} todavía no está listo (quizá se esté actualizando). Inténtelo de nuevo dentro de unos minutos.</translation>
    </message>
    <message>
        <source>Wrong username or password. Check both and try again.</source>
        <translation>Usuario o contraseña incorrectos. Revise ambos y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>This computer has no keyring to keep your sign-in safe. Install or unlock one (GNOME Keyring, KWallet, macOS Keychain), then try again.</source>
        <translation>Este equipo no tiene un llavero para guardar su inicio de sesión de forma segura. Instale o desbloquee uno (GNOME Keyring, KWallet, Llavero de macOS) y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The server is having trouble. Try again in a few minutes, or tell your administrator if it keeps happening.</source>
        <translation>El servidor tiene problemas. Inténtelo de nuevo dentro de unos minutos o avise a su administrador si sigue ocurriendo.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait a few minutes, then try again.</source>
        <translation>Demasiados intentos de inicio de sesión. Espere unos minutos y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The server refused the sign-in ({status}). Check the address and your username, or ask your administrator.</source>
        <translation>El servidor rechazó el inicio de sesión ({status}). Revise la dirección y su usuario, o consulte a su administrador.</translation>
    </message>
    <message>
        <source>Signing in failed unexpectedly ({reason}). Try again, and tell your administrator if it keeps happening.</source>
        <translation>El inicio de sesión falló de forma inesperada ({reason}). Inténtelo de nuevo y avise a su administrador si sigue ocurriendo.</translation>
    </message>
</context>
<context>
    <name>StaffRecordPage</name>
    <message>
        <source>&amp;Message this person…</source>
        <translation>&amp;Escribir a esta persona…</translation>
    </message>
    <message>
        <source>CONTACT</source>
        <translation>CONTACTO</translation>
    </message>
    <message>
        <source>PERMISSIONS</source>
        <translation>PERMISOS</translation>
    </message>
    <message>
        <source>ROOMS</source>
        <translation>AULAS</translation>
    </message>
    <message>
        <source>GROUPS</source>
        <translation>GRUPOS</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Datos</translation>
    </message>
    <message>
        <source>&amp;Communication</source>
        <translation>&amp;Comunicación</translation>
    </message>
    <message>
        <source>{role} · username {username}</source>
        <translation>{role} · usuario {username}</translation>
    </message>
    <message>
        <source>Phone: {phone}</source>
        <translation>Teléfono: {phone}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Email: {email}</source>
        <translation>Correo electrónico: {email}</translation>
    </message>
    <message>
        <source>Prefers: {channel}</source>
        <translation>Prefiere: {channel}</translation>
    </message>
    <message>
        <source>Texts: opted in</source>
        <translation>Mensajes de texto: dado/a de alta</translation>
    </message>
    <message>
        <source>Texts: not sent — {reason}</source>
        <translation>Mensajes de texto: no se envían: {reason}</translation>
    </message>
    <message>
        <source>No longer active</source>
        <translation>Ya no está activo/a</translation>
    </message>
    <message>
        <source>Messaging in own rooms only</source>
        <translation>Mensajería solo en sus aulas</translation>
    </message>
    <message>
        <source>No rooms</source>
        <translation>Sin aulas</translation>
    </message>
    <message>
        <source>No groups</source>
        <translation>Sin grupos</translation>
    </message>
</context>
<context>
    <name>StaffView</name>
    <message>
        <source>Search staff by name or phone…</source>
        <translation>Buscar personal por nombre o teléfono…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Pick a staff member to see their record.</source>
        <translation>Elija un miembro del personal para ver su ficha.</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Al día</translation>
    </message>
    <message>
        <source>Sync failed: {error}</source>
        <translation>Error de sincronización: {error}</translation>
    </message>
    <message>
        <source>Syncing… {rows} changes ({percent}%)</source>
        <translation>Sincronizando… cambios: {rows} ({percent} %)</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Messages waiting to send</source>
        <translation>Mensajes pendientes de envío</translation>
    </message>
    <message>
        <source>○ Starting…</source>
        <translation>○ Iniciando…</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Syncing {done} of {total}</source>
        <translation>Sincronizando {done} de {total}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Offline — {reason}</source>
        <translation>Sin conexión: {reason}</translation>
    </message>
    <message>
        <source>no network</source>
        <translation>no hay red</translation>
    </message>
    <message>
        <source>Signed out — {reason}</source>
        <translation>Sesión cerrada: {reason}</translation>
    </message>
    <message>
        <source>Sync error — {reason}</source>
        <translation>Error de sincronización: {reason}</translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation>Aún sin conexión</translation>
    </message>
    <message>
        <source>{n} waiting to send</source>
        <translation>Por enviar: {n}</translation>
    </message>
</context>
<context>
    <name>TemplateButton</name>
    <message>
        <source>&amp;Templates</source>
        <translation>&amp;Plantillas</translation>
    </message>
    <message>
        <source>Insert a template</source>
        <translation>Insertar una plantilla</translation>
    </message>
    <message>
        <source>Fill the message from a saved template</source>
        <translation>Rellenar el mensaje con una plantilla guardada</translation>
    </message>
    <message>
        <source>No templates yet</source>
        <translation>Todavía no hay plantillas</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Page</source>
        <translation>Página</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <source>&amp;New template</source>
        <translation>&amp;Nueva plantilla</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Eliminar…</translation>
    </message>
    <message>
        <source>Delete the chosen template (asks first)</source>
        <translation>Eliminar la plantilla elegida (pregunta antes)</translation>
    </message>
    <message>
        <source>Only administrators can change templates.</source>
        <translation>Solo los administradores pueden cambiar las plantillas.</translation>
    </message>
    <message>
        <source>Insert a variable</source>
        <translation>Insertar una variable</translation>
    </message>
    <message>
        <source>Insert variable…</source>
        <translation>Insertar variable…</translation>
    </message>
    <message>
        <source>&amp;Save template</source>
        <translation>&amp;Guardar plantilla</translation>
    </message>
    <message>
        <source>N&amp;ame</source>
        <translation>N&amp;ombre</translation>
    </message>
    <message>
        <source>&amp;Page</source>
        <translation>&amp;Página</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>&amp;Canal</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Título</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Mensaje</translation>
    </message>
    <message>
        <source>Delete template?</source>
        <translation>¿Eliminar la plantilla?</translation>
    </message>
    <message>
        <source>Delete the template “{name}” ({page}, {channel})? It goes from every workstation; messages already sent with it are kept.</source>
        <translation>¿Eliminar la plantilla «{name}» ({page}, {channel})? Desaparece de todos los equipos; los mensajes ya enviados con ella se conservan.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>1 character</source>
        <translation>1 carácter</translation>
    </message>
    <message>
        <source>1 SMS segment</source>
        <translation>1 segmento de SMS</translation>
    </message>
    <message>
        <source>{n} SMS segments</source>
        <translation>{n} segmentos de SMS</translation>
    </message>
    <message>
        <source>{n} characters · {segments} ({encoding})</source>
        <translation type="vanished">{n} caracteres · {segments} ({encoding})</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} caracteres</translation>
    </message>
    <message>
        <source>{characters} · {segments} ({encoding})</source>
        <translation>{characters} · {segments} ({encoding})</translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation>Ponga un nombre a la plantilla.</translation>
    </message>
    <message>
        <source>Write the message.</source>
        <translation>Escriba el mensaje.</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Camps</source>
        <translation>Campamentos</translation>
    </message>
    <message>
        <source>Enrollments</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <source>New Message and replies</source>
        <translation>Nuevo mensaje y respuestas</translation>
    </message>
    <message>
        <source>Messenger Center</source>
        <translation>Mensajería SMS</translation>
    </message>
    <message>
        <source>Not sent as typed: {reason}</source>
        <translation>No se envía tal como está escrito: {reason}</translation>
    </message>
    <message>
        <source>Replace {{{name}}} with the text itself: only push notifications fill in template variables for each recipient.</source>
        <translation>Sustituya {{{name}}} por el propio texto: solo las notificaciones push rellenan las variables de plantilla para cada destinatario.</translation>
    </message>
</context>
<context>
    <name>ThreadDelegate</name>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>{kind}:</source>
        <translation>{kind}:</translation>
    </message>
</context>
<context>
    <name>ThreadList</name>
    <message>
        <source>Search messages, names, phone numbers…</source>
        <translation>Buscar mensajes, nombres, números de teléfono…</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Buscar conversaciones</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>No leída</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>Show {label} conversations</source>
        <translation>Mostrar conversaciones: {label}</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivadas</translation>
    </message>
    <message>
        <source>Show archived conversations</source>
        <translation>Mostrar conversaciones archivadas</translation>
    </message>
    <message>
        <source>Conversations you archived; open one to unarchive it</source>
        <translation>Conversaciones que usted archivó; abra una para desarchivarla</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
</context>
<context>
    <name>ThreadListModel</name>
    <message>
        <source>{name}, {status}, {when}, found by {kind}: {snippet}</source>
        <translation>{name}, {status}, {when}, encontrada por {kind}: {snippet}</translation>
    </message>
    <message>
        <source>{name}, {status}, {when}, draft: {snippet}</source>
        <translation>{name}, {status}, {when}, borrador: {snippet}</translation>
    </message>
    <message>
        <source>{name}, {status}, {when}: {snippet}</source>
        <translation>{name}, {status}, {when}: {snippet}</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close conversation</source>
        <translation>Cerrar conversación</translation>
    </message>
    <message>
        <source>Mark this conversation complete (Ctrl+Shift+C)</source>
        <translation>Marcar esta conversación como terminada (Ctrl+Mayús+C)</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Reopen conversation</source>
        <translation>Reabrir conversación</translation>
    </message>
    <message>
        <source>Follow-up needed after all (Ctrl+Shift+O)</source>
        <translation>Al final necesita seguimiento (Ctrl+Mayús+O)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Show the details pane</source>
        <translation>Mostrar el panel de datos</translation>
    </message>
    <message>
        <source>Show or hide the family's details beside the conversation</source>
        <translation>Mostrar u ocultar los datos de la familia junto a la conversación</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>Abierto {name}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation>Ninguna conversación seleccionada</translation>
    </message>
    <message>
        <source>Pick one from the list, or start a New Message.</source>
        <translation>Elija una de la lista o empiece un Nuevo mensaje.</translation>
    </message>
    <message>
        <source>This conversation has been stopped; it takes no replies.</source>
        <translation>Esta conversación se ha detenido; no admite respuestas.</translation>
    </message>
    <message>
        <source>Sending text messages needs the Mass Text permission.</source>
        <translation>Para enviar mensajes de texto hace falta el permiso Textos masivos.</translation>
    </message>
    <message>
        <source>Office Chat needs full messaging access.</source>
        <translation>El Chat de oficina requiere acceso completo a la mensajería.</translation>
    </message>
    <message>
        <source>This number cannot be texted: {reason}</source>
        <translation>No se puede enviar mensajes de texto a este número: {reason}</translation>
    </message>
    <message>
        <source>Whole family</source>
        <translation>Toda la familia</translation>
    </message>
    <message>
        <source>Conversation with {name}</source>
        <translation>Conversación con {name}</translation>
    </message>
    <message>
        <source>Reply to {name} queued: it goes out when the network is back</source>
        <translation>Respuesta a {name} en cola: se enviará cuando vuelva la red</translation>
    </message>
    <message>
        <source>Reply to {name} on its way</source>
        <translation>Respuesta a {name} en camino</translation>
    </message>
</context>
<context>
    <name>UnknownNumberBar</name>
    <message>
        <source>No family or staff record has this number. Give it to a guardian or save it as a new contact; the conversation stays.</source>
        <translation>Ninguna ficha de familia ni del personal tiene este número. Asígneselo a un tutor o guárdelo como contacto nuevo; la conversación se conserva.</translation>
    </message>
    <message>
        <source>&amp;Link number…</source>
        <translation>&amp;Vincular número…</translation>
    </message>
    <message>
        <source>Give this number to a guardian, or save it as a new contact</source>
        <translation>Asignar este número a un tutor o guardarlo como contacto nuevo</translation>
    </message>
</context>
<context>
    <name>UnknownNumberDialog</name>
    <message>
        <source>Number {phone}</source>
        <translation>Número {phone}</translation>
    </message>
    <message>
        <source>No family or staff record has {phone}. Give it to a guardian or save it as a new contact: its conversation and every message stay, now under their name.</source>
        <translation>Ninguna ficha de familia ni del personal tiene el {phone}. Asígneselo a un tutor o guárdelo como contacto nuevo: su conversación y todos los mensajes se conservan, ahora a su nombre.</translation>
    </message>
    <message>
        <source>Search guardians, families, children, phones…</source>
        <translation>Buscar tutores, familias, niños, teléfonos…</translation>
    </message>
    <message>
        <source>Search guardians</source>
        <translation>Buscar tutores</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor/a</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Number now</source>
        <translation>Número actual</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Guardians</source>
        <translation>Tutores</translation>
    </message>
    <message>
        <source>Mother, grandfather…</source>
        <translation>Madre, abuelo…</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>A new family named</source>
        <translation>Una familia nueva llamada</translation>
    </message>
    <message>
        <source>An existing family:</source>
        <translation>Una familia existente:</translation>
    </message>
    <message>
        <source>their last name</source>
        <translation>su apellido</translation>
    </message>
    <message>
        <source>Search families…</source>
        <translation>Buscar familias…</translation>
    </message>
    <message>
        <source>Search families</source>
        <translation>Buscar familias</translation>
    </message>
    <message>
        <source>Families</source>
        <translation>Familias</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation>&amp;Apellido</translation>
    </message>
    <message>
        <source>&amp;Relationship</source>
        <translation>&amp;Parentesco</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;Correo electrónico</translation>
    </message>
    <message>
        <source>&amp;Link to a guardian</source>
        <translation>&amp;Vincular a un tutor</translation>
    </message>
    <message>
        <source>&amp;New contact</source>
        <translation>Contacto n&amp;uevo</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>No se guardó: {reason}</translation>
    </message>
    <message>
        <source>No guardian matches “{search}”. Names match from three letters, numbers by their digits.</source>
        <translation>Ningún tutor coincide con «{search}». Los nombres se buscan a partir de tres letras; los números, por sus dígitos.</translation>
    </message>
    <message>
        <source>Link number</source>
        <translation>Vincular número</translation>
    </message>
    <message>
        <source>Replace {name}'s number {phone} with this one</source>
        <translation>Sustituir el número {phone} de {name} por este</translation>
    </message>
    <message>
        <source>Save contact</source>
        <translation>Guardar contacto</translation>
    </message>
    <message>
        <source>That email address is not complete.</source>
        <translation>Esa dirección de correo electrónico no está completa.</translation>
    </message>
</context>
<context>
    <name>UnreadTray</name>
    <message>
        <source>1 new message</source>
        <translation>1 mensaje nuevo</translation>
    </message>
    <message>
        <source>{n} new messages</source>
        <translation>{n} mensajes nuevos</translation>
    </message>
    <message>
        <source>Front Desk — {n} unread</source>
        <translation>Front Desk: {n} sin leer</translation>
    </message>
    <message>
        <source>Front Desk — nothing unread</source>
        <translation>Front Desk: nada sin leer</translation>
    </message>
    <message>
        <source>Front Desk</source>
        <translation>Front Desk</translation>
    </message>
</context>
<context>
    <name>_SecretDialog</name>
    <message>
        <source>Asking the server…</source>
        <translation>Consultando al servidor…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
</context>
<context>
    <name>bar</name>
    <message>
        <source>Messages waiting to send</source>
        <translation type="vanished">Mensajes pendientes de envío</translation>
    </message>
    <message>
        <source>○ Starting…</source>
        <translation type="vanished">○ Iniciando…</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation type="vanished">Estado de la sincronización</translation>
    </message>
</context>
<context>
    <name>office</name>
    <message>
        <source>Front Desk</source>
        <translation>Front Desk</translation>
    </message>
    <message>
        <source>Front Desk needs the server once to open this account for the first time: {reason}. Try again when the network is back.</source>
        <translation>Front Desk necesita el servidor una vez para abrir esta cuenta por primera vez: {reason}. Inténtelo de nuevo cuando vuelva la red.</translation>
    </message>
    <message>
        <source>{count} change(s) by {user} could not be sent yet. They are kept and go out when {user} signs in again on this computer.</source>
        <translation>Aún no se han podido enviar {count} cambio(s) de {user}. Se conservan y se enviarán cuando {user} vuelva a iniciar sesión en este equipo.</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Front Desk</source>
        <translation>Front Desk</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Front Desk</source>
        <translation type="vanished">Front Desk</translation>
    </message>
</context>
<context>
    <name>self._bar</name>
    <message>
        <source>{n} waiting to send</source>
        <translation type="vanished">Por enviar: {n}</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Front Desk</source>
        <translation type="vanished">Front Desk</translation>
    </message>
    <message>
        <source>Front Desk needs the server once to open this profile for the first time: {reason}. Try again when the network is back.</source>
        <translation type="vanished">Front Desk necesita el servidor una vez para abrir este perfil por primera vez: {reason}. Inténtelo de nuevo cuando vuelva la red.</translation>
    </message>
</context>
</TS>
